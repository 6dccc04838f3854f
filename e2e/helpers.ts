import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Signs in from `startAt`: the sign-in page, or a page that sends an anonymous visitor there and is returned to. */
export async function signIn(page: Page, email: string, password: string, startAt = "/signin") {
  await page.goto(startAt);
  await page.getByLabel(/^(Email|Correo electrónico)$/).fill(email);
  await page.getByLabel(/^(Password|Contraseña)$/).fill(password);
  await page.getByRole("button", { name: /^(Sign in|Iniciar sesión)$/ }).click();
}

/** Fails on any serious or critical axe-core finding, naming each. */
export async function expectNoSeriousAccessibilityFindings(page: Page) {
  // Next.js streams a page's metadata: right after a navigation its <title>
  // may still be on its way, which axe would take for a page without one.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
  expect(serious, `axe-core findings on ${page.url()}`).toEqual([]);
}
