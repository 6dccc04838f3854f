import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousAccessibilityFindings } from "./helpers";
import { storageStateOf } from "./users";

/** The number a worklist or dashboard figure shows, in its link's text. */
async function figureOf(page: Page, testId: string): Promise<number> {
  return Number(/(\d+)\s*$/.exec((await page.getByTestId(testId).first().textContent())!)![1]);
}

test.describe("program staff", () => {
  test.use({ storageState: storageStateOf("staff") });

  test("land on their work and follow the overdue count to the milestones that make it up", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your work");
    await expect(page.getByRole("heading", { name: "Your milestones" })).toBeVisible();
    await expectNoSeriousAccessibilityFindings(page);
    const overdue = await figureOf(page, "work-overdue");
    expect(overdue).toBeGreaterThan(0);

    await page.getByTestId("work-overdue").click();
    await expect(page).toHaveURL(/\/milestones\?mine=true&urgency=overdue$/);
    await expect(page.getByTestId("count-overdue")).toHaveText(String(overdue));
    await expect(page.locator("#overdue tbody tr")).toHaveCount(overdue);
    await expect(page.locator("#overdue tbody tr").first().locator("[data-due=overdue]")).toHaveText("Overdue");
    await expectNoSeriousAccessibilityFindings(page);

    // The milestone's own page flags it overdue beside its due date.
    await page.locator("#overdue tbody tr").first().getByRole("link").click();
    await expect(page.getByTestId("milestone-due").locator("[data-due=overdue]")).toHaveText("Overdue");
    // And offers to log evidence for it, the form opened on this milestone.
    const milestoneId = page.url().split("/").pop()!;
    await page.getByRole("link", { name: "Log evidence for this milestone" }).click();
    await expect(page).toHaveURL(new RegExp(`/evidence/new\\?commitment=[^&]+&milestone=${milestoneId}$`));
    await expect(page.locator("select[name=milestoneId]")).toHaveValue(milestoneId);

    // The overview of the five pillars stays one click away.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
    await expect(page.getByRole("list", { name: "Pillars" }).getByRole("listitem")).toHaveCount(5);
  });
});

test.describe("reviewers", () => {
  test.use({ storageState: storageStateOf("reviewer") });

  test("see the assessments asked of them and what came back to them", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Assessments to write" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Returned to you" })).toBeVisible();
    await expectNoSeriousAccessibilityFindings(page);
    const returned = await figureOf(page, "work-returned");
    await page.getByTestId("work-returned").click();
    await expect(page).toHaveURL(/\/assessments\?mine=true&state=returned$/);
    await expect(page.locator("main tbody tr")).toHaveCount(returned);
  });
});

test.describe("managers", () => {
  test.use({ storageState: storageStateOf("manager") });

  test("follow a dashboard count to the milestone list behind it", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Decisions" })).toBeVisible();
    await expectNoSeriousAccessibilityFindings(page);

    await page.goto("/overview");
    const card = page.getByTestId("pillar-card-1");
    const overdue = Number(await card.getByTestId("overdue").textContent());
    expect(overdue).toBeGreaterThan(0);
    await card.getByTestId("overdue").getByRole("link").click();
    await expect(page).toHaveURL(/\/milestones\?pillar=1&urgency=overdue$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Milestones");
    await expect(page.getByTestId("count-overdue")).toHaveText(String(overdue));
    await expect(page.locator("#overdue tbody tr")).toHaveCount(overdue);
  });

  test("a filter that matches nothing says so once, with the way back to every milestone", async ({ page }) => {
    // A cancelled milestone is never overdue.
    await page.goto("/milestones?status=cancelled&urgency=overdue");
    await expect(page.getByTestId("empty-filter-result")).toHaveText("No milestone matches these filters. Clear the filters");
    await expect(page.getByText("No milestone matches these filters.")).toHaveCount(1);
    await expectNoSeriousAccessibilityFindings(page);
    await page.getByTestId("empty-filter-result").getByRole("link", { name: "Clear the filters" }).click();
    await expect(page).toHaveURL(/\/milestones$/);
    await expect(page.locator("main tbody tr").first()).toBeVisible();

    await page.goto("/evidence?q=zzqxwvjkh");
    await expect(page.getByTestId("empty-filter-result")).toHaveText("No evidence matches these filters. Clear the filters");
  });
});
