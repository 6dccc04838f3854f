import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { demoAccounts, demoPassword, storageStateOf } from "./users";

function expectSecurityHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["referrer-policy"], what).toBe("same-origin");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"], what).not.toContain("unsafe-inline");
  // The tests are served over http, where browsers ignore HSTS; it is sent only when NEXTAUTH_URL is https.
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

const nonceOf = (response: APIResponse) => /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];

/** Collects every Content-Security-Policy refusal the page meets, from the console and from the DOM's own events. */
async function watchPolicyViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Refused to|Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeBinding("reportPolicyViolation", (_source, text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportPolicyViolation(text: string): void }).reportPolicyViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

test.describe("security headers", () => {
  test("pages, API answers, redirects, errors and static files all carry the security headers", async ({ request, browser, baseURL }) => {
    const signInPage = await request.get("/signin");
    const html = await signInPage.text();
    const script = /<script[^>]+src="(\/_next\/static\/[^"]+)"/.exec(html)?.[1];
    const stylesheet = /<link[^>]+href="(\/_next\/static\/[^"]+\.css)"/.exec(html)?.[1];
    expect(script, "a script of the sign-in page").toBeDefined();
    expect(stylesheet, "the stylesheet of the sign-in page").toBeDefined();
    const admin = await browser.newContext({ storageState: storageStateOf("admin") });

    const answers: [string, APIResponse, number][] = [
      ["a page", signInPage, 200],
      ["a signed-in page", await admin.request.get("/"), 200],
      ["the redirect to sign in", await request.get("/rounds", { maxRedirects: 0 }), 307],
      ["the redirect that drops a trailing slash", await request.get("/signin/", { maxRedirects: 0 }), 308],
      ["the redirect that drops an API path's trailing slash", await request.get("/api/v1/pillars/", { maxRedirects: 0 }), 308],
      ["the redirect that collapses repeated slashes", await request.get(`${new URL(baseURL!).origin}//rounds`, { maxRedirects: 0 }), 308],
      ["a malformed address", await request.get("/api/v1/milestones/%ED%A0%80"), 400],
      ["an API answer", await request.get("/api/health"), 200],
      ["an API refusal", await request.get("/api/v1/pillars"), 401],
      ["a signed-in API answer", await admin.request.get("/api/v1/rounds"), 200],
      ["a refused API write", await admin.request.post("/api/v1/rounds", { data: {} }), 400],
      ["an unknown API route", await request.get("/api/v1/no-such-route"), 404],
      ["a missing page", await admin.request.get("/no-such-page"), 404],
      ["a missing record", await admin.request.get("/milestones/no-such-milestone"), 404],
      ["a script", await request.get(script!), 200],
      ["a stylesheet", await request.get(stylesheet!), 200],
      ["a missing static file", await request.get("/_next/static/no-such-file.js"), 404],
    ];
    for (const [what, response, status] of answers) {
      expect(response.status(), what).toBe(status);
      expectSecurityHeaders(response, what);
    }
    await admin.close();
  });

  test("the redirect that drops a trailing slash keeps the query and the method, and stays on the tracker", async ({ request, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const cases: [string, string, string | undefined][] = [
      ["GET", "/rounds/?view=all", "/rounds?view=all"],
      ["POST", "/api/v1/rounds/", "/api/v1/rounds"],
      // Whatever the path becomes, the redirect never leaves the tracker.
      ["GET", "//evil.example/", undefined],
      ["GET", "/\\evil.example/", undefined],
    ];
    for (const [method, path, target] of cases) {
      const response = await request.fetch(`${origin}${path}`, { method, maxRedirects: 0 });
      expect(response.status(), path).toBe(308);
      const location = new URL(response.headers().location ?? "", `${origin}/`);
      expect(location.origin, path).toBe(origin);
      if (target) expect(`${location.pathname}${location.search}`, path).toBe(target);
    }
  });

  test("each page answer has a fresh nonce that every script of the page carries, and no script runs without it", async ({ request }) => {
    const [first, second] = [await request.get("/signin"), await request.get("/signin")];
    const policy = first.headers()["content-security-policy"];
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'self'");
    const nonce = nonceOf(first);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(second)).not.toBe(nonce);
    const scripts = [...(await first.text()).matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  test("signing in, reading the dashboard and submitting forms meet no policy refusal", async ({ page, browser }) => {
    // A role without a second factor, so that signing in here takes no code another test may have used.
    const signingIn = await watchPolicyViolations(page);
    await signIn(page, demoAccounts.reviewer.email, demoPassword);
    await expect(page).toHaveURL("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your work");
    expect(signingIn).toEqual([]);

    const manager = await browser.newContext({ storageState: storageStateOf("manager") });
    const dashboard = await manager.newPage();
    const violations = await watchPolicyViolations(dashboard);
    await dashboard.goto("/overview");
    await expect(dashboard.getByRole("list", { name: "Pillars" }).getByRole("listitem")).toHaveCount(5);

    // A server action that succeeds and changes nothing: English, chosen while in English.
    await dashboard.getByLabel("Language").selectOption("en");
    await dashboard.getByRole("button", { name: "Change language" }).click();
    await expect(dashboard.getByLabel("Language")).toHaveValue("en");

    // A server action that is refused and answers with field messages.
    await dashboard.goto("/rounds");
    await dashboard.getByRole("button", { name: "Open round" }).click();
    await expect(dashboard.getByText("This field is required.").first()).toBeVisible();

    expect(violations).toEqual([]);
    await manager.close();
  });

  test("markup in user text is shown as text and never run; a script slipped into a page is refused by the policy", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("reviewer") });
    const page = await context.newPage();
    const violations = await watchPolicyViolations(page);
    const commitments = (await (await page.request.get("/api/v1/commitments?pillar=5")).json()) as { data: { id: string }[] };
    const markup = `<script>window.injected = "script"</script><img src=x onerror="window.injected = 'image'"> ${Date.now()}`;
    const logged = await page.request.post("/api/v1/evidence", {
      data: { commitmentId: commitments.data[0]!.id, title: markup, kind: "media_report", publisher: "<b>Press</b>", summary: markup, shows: "neutral", reliability: "unverified" },
    });
    expect(logged.status()).toBe(201);
    const { data: evidence } = (await logged.json()) as { data: { id: string } };

    await page.goto(`/evidence/${evidence.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(markup);
    await expect(page.locator("img[src=x]")).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { injected?: string }).injected)).toBeUndefined();
    expect(violations).toEqual([]);

    // Were the text ever written into the page as markup, the policy would still refuse the script.
    await page.route(`**/evidence/${evidence.id}`, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace("</body>", `<script>window.injected = "inline"</script></body>`);
      await route.fulfill({ response, body });
    });
    await page.reload();
    await expect.poll(() => violations.some((violation) => violation.startsWith("script-src"))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { injected?: string }).injected)).toBeUndefined();
    await context.close();
  });
});
