import { expect, test, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
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

/** Signs the person in on `page` and in a second browser of their own, which it answers. */
async function signInInTwoBrowsers(page: Page, browser: Browser, person: { email: string; password: string }, options: BrowserContextOptions = {}) {
  const elsewhere = await browser.newContext(options);
  const other = await elsewhere.newPage();
  await signIn(other, person.email, person.password);
  await expect(other).toHaveURL("/");
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL("/");
  return { elsewhere, other };
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
  const { elsewhere, other } = await signInInTwoBrowsers(page, browser, person);
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
  const { elsewhere, other } = await signInInTwoBrowsers(page, browser, person);
  await page.goto("/profile");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/signin\?notice=signedOutEverywhere/);
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/signin/);
  expect((await other.request.get("/api/v1/pillars")).status()).toBe(401);
  await elsewhere.close();
});

test("the profile lists one's sessions by device, and ending another browser's session there signs it out, without JavaScript too", async ({ page, browser }) => {
  const person = e2eUser("devices@e2e.local");
  const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
  const { elsewhere, other } = await signInInTwoBrowsers(page, browser, person, { userAgent: firefox });

  await page.goto("/profile");
  const sessions = page.getByRole("table", { name: "Your active sessions" });
  await expect(sessions.getByRole("row")).toHaveCount(3);
  await expect(sessions.getByRole("row", { name: /This browser/ })).toHaveCount(1);
  await expect(sessions.getByRole("row", { name: /Firefox on Linux/ }).getByRole("button", { name: /End this session/ })).toBeVisible();
  await expectNoSeriousAccessibilityFindings(page);

  // The same session in a browser without JavaScript: the form posts to the server action.
  const withoutScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await withoutScript.newPage();
  await plain.goto("/profile");
  await plain.getByRole("row", { name: /Firefox on Linux/ }).getByRole("button", { name: /End this session/ }).click();
  await expect(plain.getByRole("table", { name: "Your active sessions" }).getByRole("row")).toHaveCount(2);
  await expect(plain.getByRole("row", { name: /Firefox on Linux/ })).toHaveCount(0);

  expect((await other.request.get("/api/v1/pillars")).status()).toBe(401);
  await other.goto("/profile");
  await expect(other).toHaveURL(/\/signin/);
  expect((await page.request.get("/api/v1/pillars")).status()).toBe(200);
  await withoutScript.close();
  await elsewhere.close();
});
