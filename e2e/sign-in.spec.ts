import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { demoAccounts, demoPassword } from "./users";

test.describe("signing in", () => {
  test("an anonymous visit goes to sign-in and, once signed in, back to the page asked for", async ({ page }) => {
    await page.goto("/pillars/2");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fpillars%2F2$/);
    await page.getByLabel("Email").fill(demoAccounts.staff.email);
    await page.getByLabel("Password").fill(demoPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
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
