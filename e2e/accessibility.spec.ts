import { expect, test } from "@playwright/test";
import { expectNoSeriousAccessibilityFindings } from "./helpers";
import { storageStateOf } from "./users";

test("the sign-in page has no serious accessibility finding", async ({ page }) => {
  await page.goto("/signin");
  await expectNoSeriousAccessibilityFindings(page);
});

test.describe("signed in", () => {
  test.use({ storageState: storageStateOf("manager") });

  test("every page of the plan has no serious accessibility finding", async ({ page }) => {
    await page.goto("/");
    await expectNoSeriousAccessibilityFindings(page);
    await page.goto("/pillars/1");
    await expectNoSeriousAccessibilityFindings(page);
    await page.getByRole("heading", { level: 3 }).first().getByRole("link").click();
    await expect(page.getByRole("heading", { name: "Milestones" })).toBeVisible();
    await expectNoSeriousAccessibilityFindings(page);
    await page.getByRole("table").getByRole("link").first().click();
    await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
    await expectNoSeriousAccessibilityFindings(page);
    await page.goto("/pillars/9");
    await expectNoSeriousAccessibilityFindings(page);
  });

  test("the keyboard reaches the skip link first, and it moves focus to the content", async ({ page }) => {
    await page.goto("/pillars/3");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
  });
});
