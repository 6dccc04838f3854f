import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { e2eUsers } from "./users";

const [user] = e2eUsers;

test("the language chosen is remembered on the account across sessions", async ({ page, browser }) => {
  await signIn(page, user.email, user.password);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your work");
  await page.getByLabel("Language").selectOption("es");
  await page.getByRole("button", { name: "Change language" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Su trabajo");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");

  // A new browser with no cookies: the account itself carries the choice.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await signIn(other, user.email, user.password);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Su trabajo");
  await other.getByLabel("Idioma").selectOption("en");
  await other.getByRole("button", { name: "Cambiar idioma" }).click();
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Your work");
  await fresh.close();
});

test("the sign-in page switches language before anyone signs in", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Language").selectOption("es");
  await page.getByRole("button", { name: "Change language" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Iniciar sesión");
  await expect(page.getByLabel("Contraseña")).toBeVisible();
});
