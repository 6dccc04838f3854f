import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { expectNoSeriousAccessibilityFindings, signIn } from "./helpers";
import { e2eUser } from "./users";

const codeOf = (secret: string, stepsAhead = 0) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });

async function signInWithCode(page: Page, email: string, password: string, code: string) {
  await signIn(page, email, password);
  await expect(page.getByText("has a second sign-in factor")).toBeVisible();
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
}

test("a person sets up a second factor, signs in with a code and with a recovery code, and turns it off", async ({ page }) => {
  const person = e2eUser("profile@e2e.local");
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL("/");
  await page.getByRole("link", { name: "Your profile" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your profile");
  await expectNoSeriousAccessibilityFindings(page);

  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  await page.getByLabel("Code from the app").fill(codeOf(secret) === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText("This code is not correct or has expired")).toBeVisible();
  await page.getByLabel("Code from the app").fill(codeOf(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  const listed = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(listed).toHaveCount(10);
  const recoveryCodes = await listed.allInnerTexts();
  await page.getByRole("link", { name: "I have stored my recovery codes — continue" }).click();
  await expect(page.getByText("On. 10 recovery codes left.")).toBeVisible();
  await expect(page.getByTestId("totp-secret")).toHaveCount(0);

  // The password alone no longer signs in; a wrong code is refused; the next step's code
  // (the setup just used this step's) signs in.
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  // Signed out only once the sign-out has answered; a sign-in page asked for before that still sees the session.
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, person.email, person.password);
  await expectNoSeriousAccessibilityFindings(page);
  await page.getByLabel("Code", { exact: true }).fill("12345678");
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("The code is not correct or has already been used. Enter the code your app shows now.");
  await page.getByLabel("Code", { exact: true }).fill(codeOf(secret, 1));
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page).toHaveURL("/");

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  // Signed out only once the sign-out has answered; a sign-in page asked for before that still sees the session.
  await expect(page).toHaveURL(/\/signin/);
  await signInWithCode(page, person.email, person.password, recoveryCodes[0]!);
  await expect(page).toHaveURL("/");
  await page.goto("/profile");
  await expect(page.getByText("On. 9 recovery codes left.")).toBeVisible();

  await page.getByLabel("Your password or a current code").fill(person.password);
  await page.getByRole("button", { name: "Turn off the second factor" }).click();
  await expect(page.getByRole("button", { name: "Set up an authenticator app" })).toBeVisible();
});

test("changing one's password needs the current one and ends every session of the account", async ({ page, browser }) => {
  const person = e2eUser("password@e2e.local");
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await signIn(other, person.email, person.password);
  await expect(other).toHaveURL("/");

  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL("/");
  await page.goto("/profile");
  const newPassword = "saffron bicycle 2031 quay";
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel(/^New password( \*)?$/).fill(newPassword);
  await page.getByLabel("New password again").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("This is not your current password.")).toBeVisible();
  await expectNoSeriousAccessibilityFindings(page);

  await page.getByLabel("Current password").fill(person.password);
  await page.getByLabel(/^New password( \*)?$/).fill(newPassword);
  await page.getByLabel("New password again").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/signin\?notice=passwordChanged/);
  await expect(page.getByRole("status")).toHaveText(/Your password was changed/);

  await other.goto("/");
  await expect(other).toHaveURL(/\/signin/);
  await signIn(page, person.email, person.password);
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("The email or password is not correct.");
  await signIn(page, person.email, newPassword);
  await expect(page).toHaveURL("/");
  await elsewhere.close();
});

test("signing out everywhere ends this session and every other", async ({ page, browser }) => {
  const person = e2eUser("everywhere@e2e.local");
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await signIn(other, person.email, person.password);
  await expect(other).toHaveURL("/");
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL("/");
  await page.goto("/profile");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/signin\?notice=signedOutEverywhere/);
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/signin/);
  expect((await other.request.get("/api/v1/pillars")).status()).toBe(401);
  await elsewhere.close();
});
