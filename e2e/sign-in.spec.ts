import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { demoAccounts, demoPassword, e2eUser } from "./users";

test.describe("signing in", () => {
  test("an anonymous visit goes to sign-in and, once signed in, back to the page asked for", async ({ page }) => {
    await page.goto("/pillars/2");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fpillars%2F2$/);
    await page.getByLabel("Email").fill(demoAccounts.staff.email);
    await page.getByLabel("Password").fill(demoPassword);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL("/pillars/2");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Pillar 2");
  });

  test("a wrong password and an unknown email get the same message", async ({ page }) => {
    await signIn(page, demoAccounts.manager.email, "not-the-password");
    const problem = page.getByRole("alert").filter({ hasText: /\S/ });
    await expect(problem).toHaveText("The email or password is not correct.");
    await signIn(page, "nobody@demo.local", demoPassword);
    await expect(problem).toHaveText("The email or password is not correct.");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("after 5 failed attempts an account is refused with 429 and the wait, even with the right password", async ({ browser }) => {
    // An address of this test's own (the e2e server trusts the header as a proxy's), so that other tests' failures do not count.
    const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "192.0.2.45" } });
    const page = await context.newPage();
    const { email, password } = e2eUser("limited@e2e.local");
    const problem = page.getByRole("alert").filter({ hasText: /\S/ });
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn(page, email, `wrong guess ${attempt}`);
      await expect(problem).toHaveText("The email or password is not correct.");
    }
    await signIn(page, email, password);
    await expect(problem).toHaveText(/^Too many failed sign-in attempts for this account or from this network\. Try again in 15 minutes\.$/);
    await expect(page).toHaveURL(/\/signin/);

    // The same from another address, as the API answers it: 429, Retry-After and a message.
    const elsewhere = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "192.0.2.46" } });
    const { csrfToken } = (await (await elsewhere.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const answer = await elsewhere.request.post("/api/auth/callback/credentials", {
      form: { email, password, code: "", csrfToken, callbackUrl: "/", json: "true" },
      headers: { "X-Auth-Return-Redirect": "1" },
    });
    expect(answer.status()).toBe(429);
    const retryAfter = Number(answer.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(await answer.json()).toEqual({
      error: "too_many_attempts",
      message: expect.stringMatching(/^Too many failed sign-in attempts\. Try again in 1[45] minutes\.$/),
      retryAfterSeconds: retryAfter,
    });
    expect(answer.headers()["set-cookie"] ?? "").not.toContain("session-token");
    await context.close();
    await elsewhere.close();
  });

  test("signing out ends the session", async ({ page }) => {
    await signIn(page, demoAccounts.reviewer.email, demoPassword);
    await expect(page).toHaveURL("/");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("keeps the session in an HttpOnly, SameSite=Lax cookie that no script can read", async ({ page }) => {
    await signIn(page, demoAccounts.staff.email, demoPassword);
    await expect(page).toHaveURL("/");
    const session = (await page.context().cookies()).find((cookie) => cookie.name === "next-auth.session-token");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
  });

  test("the API answers an anonymous call with 401 JSON, never a redirect", async ({ request }) => {
    for (const path of ["/api/v1/pillars", "/api/v1/commitments", "/api/v1/milestones", "/api/v1/evidence"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(401);
      expect(response.headers()["content-type"]).toContain("application/json");
      expect(await response.json()).toMatchObject({ error: "unauthenticated" });
    }
  });

  test("the health check answers without a session", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "reachable" });
  });
});
