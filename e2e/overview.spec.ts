import { expect, test } from "@playwright/test";
import { storageStateOf } from "./users";

test.use({ storageState: storageStateOf("staff") });

test("the plan reads end to end: pillar → commitment → milestone with its history", async ({ page }) => {
  await page.goto("/overview");
  await page.getByRole("link", { name: /^2\. / }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Pillar 2");

  const commitment = page.getByRole("heading", { level: 3 }).first().getByRole("link");
  const commitmentTitle = (await commitment.textContent())!;
  await commitment.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(commitmentTitle);

  await page.getByRole("table").getByRole("link").first().click();
  await expect(page.getByRole("link", { name: `Commitment: ${commitmentTitle}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
});

test("an unknown record shows the not-found page", async ({ page }) => {
  const response = await page.goto("/milestones/does-not-exist");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("a malformed record id in the address shows the not-found page, not an error", async ({ page }) => {
  for (const path of ["/assessments/not$an$id", "/rounds/not$an$id", "/rounds/not$an$id/report", "/evidence/not$an$id"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
});
