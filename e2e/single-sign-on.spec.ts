import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousAccessibilityFindings } from "./helpers";
import { startOidcProvider, type ProviderPerson } from "./oidc-provider";
import { demoAccounts } from "./users";

// Single sign-on against a real OpenID Connect provider started here; the
// tracker under test trusts it through OIDC_ISSUER, OIDC_CLIENT_ID and
// OIDC_CLIENT_SECRET (playwright.config.ts).
let provider: Awaited<ReturnType<typeof startOidcProvider>>;
test.beforeAll(async ({ baseURL }) => {
  provider = await startOidcProvider(baseURL!);
});
test.afterAll(async () => {
  await provider.stop();
});

/** From the tracker's sign-in page through the provider's own sign-in and consent, as `person`. */
async function signInThroughProvider(page: Page, person: ProviderPerson) {
  await page.goto("/signin?callbackUrl=%2Frounds");
  await page.getByRole("button", { name: "Sign in with Test Identity" }).click();
  await page.getByPlaceholder("Enter any login").fill(person);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test.describe("single sign-on", () => {
  test("a person whose verified email is a tracker account signs in to it, whatever its case, and lands where they were going", async ({ page }) => {
    await signInThroughProvider(page, "rita");
    await expect(page).toHaveURL("/rounds");
    await expect(page.getByText(`Signed in as ${demoAccounts.reviewer.name}`)).toBeVisible();
    // The session is the tracker's own, as after a password sign-in.
    const answer = await page.request.get("/api/v1/rounds");
    expect(answer.status()).toBe(200);
  });

  test("a verified email that no account has is refused with a message that says so", async ({ page }) => {
    await signInThroughProvider(page, "stranger");
    await expect(page).toHaveURL(/\/signin\?error=SsoNoAccount/);
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(/^No active account of this tracker has the email your provider verified\./);
    expect((await page.request.get("/api/v1/rounds")).status()).toBe(401);
    await expectNoSeriousAccessibilityFindings(page);
  });

  test("an email the provider has not verified is refused, even when an account has it", async ({ page }) => {
    await signInThroughProvider(page, "sam");
    await expect(page).toHaveURL(/\/signin\?error=SsoUnverifiedEmail/);
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(/^Your provider did not say that your email address is verified/);
    expect((await page.request.get("/api/v1/rounds")).status()).toBe(401);
  });
});
