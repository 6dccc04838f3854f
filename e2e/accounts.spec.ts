import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { expectNoSeriousAccessibilityFindings, signIn } from "./helpers";
import { e2eUser, storageStateOf, totpCode } from "./users";

async function signInWithCode(page: Page, email: string, password: string, code: string) {
  await signIn(page, email, password);
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
}

test("an account whose role requires a second factor reaches nothing until it enrols", async ({ page }) => {
  const manager = e2eUser("enrol@e2e.local");
  await signIn(page, manager.email, manager.password);
  await expect(page).toHaveURL("/profile");
  await expect(page.getByText("Your role requires a second sign-in factor.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expectNoSeriousAccessibilityFindings(page);

  await page.goto("/rounds");
  await expect(page).toHaveURL("/profile");
  const refused = await page.request.get("/api/v1/pillars");
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ error: "second_factor_enrolment_required" });

  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code that adds your tracker account to an authenticator app" })).toBeVisible();
  await expectNoSeriousAccessibilityFindings(page);
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  await page.getByLabel("Code from the app").fill(new TOTP({ secret: Secret.fromBase32(secret) }).generate());
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);

  await page.getByRole("link", { name: "I have stored my recovery codes — continue" }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  expect((await page.request.get("/api/v1/pillars")).status()).toBe(200);
});

test("a user changed or deactivated by an admin loses what they lost at their next request", async ({ browser }) => {
  const admin = await (await browser.newContext({ storageState: storageStateOf("admin") })).newPage();
  const target = e2eUser("target@e2e.local");
  const targetContext = await browser.newContext();
  const user = await targetContext.newPage();
  await signInWithCode(user, target.email, target.password, totpCode());
  await expect(user).toHaveURL("/");
  await user.goto("/admin/users");
  await expect(user.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  expect((await user.request.get("/api/v1/users")).status()).toBe(200);

  // Demoted from admin to reviewer: the admin pages and the users API close at once.
  await admin.goto("/admin/users");
  await admin.getByRole("link", { name: `Manage ${target.name}` }).click();
  await admin.getByRole("checkbox", { name: "Administrator" }).uncheck();
  await admin.getByRole("checkbox", { name: "Reviewer" }).check();
  await admin.getByRole("button", { name: "Save changes" }).click();
  await expect(admin).toHaveURL("/admin/users");
  await expect(admin.getByRole("row", { name: new RegExp(target.email) })).toContainText("Reviewer");

  await user.reload();
  await expect(user.getByRole("heading", { level: 1 })).toHaveText("You do not have access to this page");
  expect((await user.request.get("/api/v1/users")).status()).toBe(403);
  expect((await user.request.get("/api/v1/pillars")).status()).toBe(200);

  // Sessions ended: the next request signs in again.
  await admin.getByRole("link", { name: `Manage ${target.name}` }).click();
  await admin.getByRole("button", { name: "End all sessions" }).click();
  await expect(admin.getByText("Every session of this account has ended.")).toBeVisible();
  await user.goto("/");
  await expect(user).toHaveURL(/\/signin/);

  // A second sign-in within the same 30 seconds: the next step's code (users.ts).
  await signInWithCode(user, target.email, target.password, totpCode(1));
  await expect(user).toHaveURL("/");

  // Deactivated: refused at the next page and API request, and at sign-in.
  await admin.getByRole("button", { name: "Deactivate" }).click();
  await expect(admin.getByText("The account is deactivated.")).toBeVisible();
  await user.goto("/");
  await expect(user).toHaveURL(/\/signin/);
  expect((await user.request.get("/api/v1/pillars")).status()).toBe(401);
  await signIn(user, target.email, target.password);
  await expect(user.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("The email or password is not correct.");
  await targetContext.close();
  await admin.context().close();
});

test.describe("an admin keeping accounts", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("creates a user who can then sign in; a refused form keeps what was typed", async ({ page, browser }) => {
    const email = `new-${Date.now()}@e2e.local`;
    await page.goto("/admin/users");
    await expectNoSeriousAccessibilityFindings(page);
    await page.getByRole("link", { name: "New user" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Name").fill("Nina New");
    await page.getByRole("checkbox", { name: "Program staff" }).check();
    await page.getByLabel("Agency").selectOption({ index: 1 });
    await page.getByLabel("Initial password").fill("password1234");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByText("This password is one of the most commonly used ones; choose another.")).toBeVisible();
    await expect(page.getByLabel("Name")).toHaveValue("Nina New");
    await expect(page.getByRole("checkbox", { name: "Program staff" })).toBeChecked();
    await expectNoSeriousAccessibilityFindings(page);

    await page.getByLabel("Initial password").fill("amber tractor seventy 9");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page).toHaveURL("/admin/users");
    await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("Program staff");

    // Without the admin's session that this group's contexts start with.
    const fresh = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const newcomer = await fresh.newPage();
    await signIn(newcomer, email, "amber tractor seventy 9");
    await expect(newcomer).toHaveURL("/");
    await expect(newcomer.getByText("Signed in as Nina New")).toBeVisible();
    await fresh.close();
  });

  test("resets a person's second factor, who then sets one up again at their next sign-in", async ({ page, browser }) => {
    const person = e2eUser("reset@e2e.local");
    await page.goto("/admin/users");
    await page.getByRole("link", { name: `Manage ${person.name}` }).click();
    await page.getByRole("button", { name: "Reset second factor" }).click();
    // The page shows the account anew, with no second factor left to reset.
    await expect(page.getByText(`${person.email} · Active · Not set up`)).toBeVisible();
    await expect(page.getByRole("button", { name: "Reset second factor" })).toHaveCount(0);
    await expectNoSeriousAccessibilityFindings(page);

    const fresh = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const owner = await fresh.newPage();
    await signIn(owner, person.email, person.password);
    await expect(owner).toHaveURL("/profile");
    await expect(owner.getByText("Your role requires a second sign-in factor.")).toBeVisible();
    await fresh.close();
  });

  test("uses the users API: JSON and CSV lists, a version-checked change, and refusals for others", async ({ page, browser }) => {
    const list = await page.request.get("/api/v1/users");
    const users = ((await list.json()) as { data: { email: string; id: string; version: number; secondFactorEnrolled: boolean }[] }).data;
    expect(users.find((user) => user.email === "admin@demo.local")?.secondFactorEnrolled).toBe(true);
    const csv = await page.request.get("/api/v1/users?format=csv");
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(await csv.text()).toContain("email,name,roles,agencyId,agencyCode");

    const created = await page.request.post("/api/v1/users", {
      data: { email: `api-${Date.now()}@e2e.local`, name: "Api Person", roles: ["reviewer"], password: "copper window ninety 3" },
    });
    expect(created.status()).toBe(201);
    const { data: person } = (await created.json()) as { data: { id: string; version: number } };
    expect((await page.request.patch(`/api/v1/users/${person.id}`, { data: { version: 1, name: "Api Renamed" } })).status()).toBe(200);
    const stale = await page.request.patch(`/api/v1/users/${person.id}`, { data: { version: 1, name: "Too late" } });
    expect(stale.status()).toBe(409);
    expect(await stale.json()).toMatchObject({ error: "conflict", current: { version: 2 } });
    expect((await page.request.post(`/api/v1/users/${person.id}/sessions/end`)).status()).toBe(200);

    const reviewer = await browser.newContext({ storageState: storageStateOf("reviewer") });
    expect((await reviewer.request.get("/api/v1/users")).status()).toBe(403);
    expect((await reviewer.request.post(`/api/v1/users/${person.id}/sessions/end`)).status()).toBe(403);
    await reviewer.close();
  });
});
