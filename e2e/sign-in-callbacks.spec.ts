import { expect, test, type APIResponse } from "@playwright/test";
import { signIn } from "./helpers";
import { demoAccounts, demoPassword, storageStateOf } from "./users";

// Where a person goes after signing in is named by `callbackUrl`, which anyone
// can put in a link. Each is resolved as a browser resolves it against the
// tracker's origin (components/safe-callback.ts): one that would leave the
// tracker, however it is spelled, leads to the overview.

const controlCharacter = /[\u0000-\u001f\u007f]/;

/** Callbacks a browser would follow to evil.example: a tab, newline or backslash between the slashes, or another origin outright. */
const offSite = ["/\t/evil.example/phish", "/\n/evil.example/phish", "/\\evil.example/phish", "\\\\evil.example/phish", "//evil.example/phish", "https://evil.example/phish"];

const baseURL = () => test.info().project.use.baseURL!;

function expectOnTracker(address: string, path: string, what: string) {
  expect(address, what).not.toMatch(controlCharacter);
  const url = new URL(address, baseURL());
  expect(url.origin, what).toBe(new URL(baseURL()).origin);
  expect(url.pathname, what).toBe(path);
}

test.describe("the address followed after sign-in", () => {
  test("a signed-in person sent to sign in with a callback off the tracker goes to the overview, and with one on it goes there", async ({ playwright }) => {
    const reviewer = await playwright.request.newContext({ baseURL: baseURL(), storageState: storageStateOf("reviewer") });
    const answers: [string, APIResponse, string][] = [
      ["a tab spelled %09 in the address", await reviewer.get("/signin?callbackUrl=/%09/evil.example/phish", { maxRedirects: 0 }), "/"],
      ...(await Promise.all(offSite.map(async (callback): Promise<[string, APIResponse, string]> => [JSON.stringify(callback), await reviewer.get(`/signin?callbackUrl=${encodeURIComponent(callback)}`, { maxRedirects: 0 }), "/"]))),
      ["a page of the tracker", await reviewer.get(`/signin?callbackUrl=${encodeURIComponent("/rounds")}`, { maxRedirects: 0 }), "/rounds"],
    ];
    for (const [what, response, path] of answers) {
      expect(response.status(), what).toBe(307);
      expectOnTracker(response.headers().location ?? "", path, what);
    }
    await reviewer.dispose();
  });

  test("a person who signs in from a link whose callback has a tab between the slashes lands on the overview, not on another site", async ({ page }) => {
    await page.route("http://evil.example/**", (route) => route.fulfill({ contentType: "text/html", body: "<title>Phished</title>" }));
    await signIn(page, demoAccounts.reviewer.email, demoPassword, "/signin?callbackUrl=/%09/evil.example/phish");
    await expect(page).toHaveURL("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });

  test("next-auth's sign-in answers a callback with a newline, a tab or another host with an address on the tracker, never a 500", async ({ playwright }) => {
    for (const callback of [...offSite, "/rounds\n/phish", "evil.example/phish"]) {
      const anonymous = await playwright.request.newContext({ baseURL: baseURL(), storageState: { cookies: [], origins: [] } });
      const { csrfToken } = (await (await anonymous.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const answer = await anonymous.post("/api/auth/callback/credentials", {
        form: { email: demoAccounts.reviewer.email, password: demoPassword, code: "", csrfToken, callbackUrl: callback, json: "true" },
        headers: { "X-Auth-Return-Redirect": "1" },
      });
      const what = JSON.stringify(callback);
      expect(answer.status(), what).toBe(200);
      const { url } = (await answer.json()) as { url: string };
      expectOnTracker(url, offSite.includes(callback) ? "/" : new URL(url).pathname, what);
      await anonymous.dispose();
    }
  });
});
