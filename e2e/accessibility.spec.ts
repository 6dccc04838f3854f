import { expect, test } from "@playwright/test";
import { expectNoSeriousAccessibilityFindings } from "./helpers";
import { storageStateOf } from "./users";

test("the sign-in page has no serious accessibility finding", async ({ page }) => {
  await page.goto("/signin");
  await expectNoSeriousAccessibilityFindings(page);
});

test.describe("signed in", () => {
  test.use({ storageState: storageStateOf("manager") });

  test("your work and the lists behind its figures have no serious accessibility finding", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your work");
    await expectNoSeriousAccessibilityFindings(page);
    await page.goto("/milestones?urgency=overdue");
    await expectNoSeriousAccessibilityFindings(page);
    await page.goto("/assessments?state=published");
    await expectNoSeriousAccessibilityFindings(page);
  });

  test("every page of the plan has no serious accessibility finding", async ({ page }) => {
    await page.goto("/overview");
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

  test("the search page, empty and with results, has no serious accessibility finding", async ({ page }) => {
    await page.goto("/search");
    await expectNoSeriousAccessibilityFindings(page);
    await page.goto("/search?q=border");
    await expect(page.getByTestId("search-group-milestones")).toBeVisible();
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

test.describe("program staff", () => {
  test.use({ storageState: storageStateOf("staff") });

  test("my milestones and the update form have no serious accessibility finding", async ({ page }) => {
    await page.goto("/my-milestones");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My milestones");
    await expect(page.getByTestId("count-overdue")).not.toHaveText("0");
    await expectNoSeriousAccessibilityFindings(page);
    await page.locator("#overdue").getByRole("link").first().click();
    await expect(page.getByRole("heading", { name: "Update the status" })).toBeVisible();
    await page.getByLabel("New status").selectOption("delayed");
    await page.getByRole("button", { name: "Record the update" }).click();
    await expect(page.getByText("This field is required.")).toBeVisible();
    await expectNoSeriousAccessibilityFindings(page);
  });

  test("filters narrow my milestones by status", async ({ page }) => {
    await page.goto("/my-milestones");
    await page.getByLabel("Status").selectOption("completed");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/status=completed/);
    const badges = page.locator("main [data-status]");
    await expect(badges.first()).toBeVisible();
    for (const status of await badges.evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-status")))) {
      expect(status).toBe("completed");
    }
  });
});
