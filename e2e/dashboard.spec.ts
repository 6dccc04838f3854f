import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { expectNoSeriousAccessibilityFindings } from "./helpers";
import { storageStateOf } from "./users";

test.use({ storageState: storageStateOf("manager") });

test("a manager reads the dashboard, goes back to the end of the 2011 round and drills down to a milestone's history", async ({ page }) => {
  // A day after the demo data's last review and before anything the other tests publish today.
  await page.goto("/overview?asOf=2026-06-30");
  await expect(page.getByRole("list", { name: "Pillars" }).getByRole("listitem")).toHaveCount(5);
  const pillar1 = page.getByTestId("pillar-card-1");
  // A percent of the milestones, as the reader's language writes one (the figures once printed 2,140%).
  const completed = await pillar1.getByTestId("percent-completed").textContent();
  expect(completed).toMatch(/^\d{1,3}(\.\d)?%$/);
  expect(Number.parseFloat(completed!)).toBeLessThanOrEqual(100);
  await expect(pillar1.getByTestId("latest-verdict")).toContainText("Advances: Substantial · Results: Worsened");
  await expect(pillar1.getByTestId("latest-verdict")).toContainText("May 2018 review");
  await expect(page.getByTestId("verdict-trends")).toContainText("Advances: Steady · Results: Slow");
  await expect(page.getByTestId("indicator").first()).toBeVisible();
  // Every trend chart names both scales on their own axes, each with its
  // words, and the rounds along the bottom; charts are drawn large enough to read.
  const trendChart = page.getByTestId("trend-chart").first();
  for (const word of ["Advances", "None", "Substantial", "Results", "Worsened", "Significant", "Rounds, by the end of their period"]) await expect(trendChart).toContainText(word);
  expect((await trendChart.boundingBox())!.width).toBeGreaterThanOrEqual(400);
  const indicatorChart = page.getByTestId("indicator-chart").first();
  await expect(indicatorChart.locator("text")).not.toHaveCount(0);
  expect((await indicatorChart.boundingBox())!.width).toBeGreaterThanOrEqual(400);
  await expectNoSeriousAccessibilityFindings(page);

  await page.getByLabel("As of").fill("2011-04-30");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/asOf=2011-04-30/);
  await expect(page.getByTestId("as-of")).toHaveText("Figures as of April 30, 2011.");
  await expect(pillar1.getByTestId("latest-verdict")).toHaveText(/^Advances: Steady · Results: Slow in April 2011 two-year review$/);
  await expect(page.getByTestId("pillar-card-4").getByTestId("latest-verdict")).toContainText("Advances: Limited · Results: None yet");
  // No status update after the day counts: the trend shows only the 2011 round.
  await expect(page.getByTestId("verdict-trends")).not.toContainText("May 2018 review");
  await expectNoSeriousAccessibilityFindings(page);

  const downloadFigures = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download these figures (CSV)" }).click();
  const figures = await downloadFigures;
  expect(figures.suggestedFilename()).toMatch(/^pillars-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await figures.path(), "utf8");
  // The CSV holds the day's figures: pillar 1's milestones on the day, as its card counts them.
  const pillar1Total = (await pillar1.locator("td[data-testid^=count-]").allTextContents()).reduce((sum, n) => sum + Number(n), 0);
  expect(csv.split(/\r?\n/).find((line) => line.includes("Disrupt"))).toContain(`,${pillar1Total},`);

  await page.getByRole("link", { name: /^2\. / }).click();
  await expect(page).toHaveURL(/\/pillars\/2\?asOf=2011-04-30/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Pillar 2");
  await expect(page.getByTestId("as-of")).toContainText("as they stood on April 30, 2011");
  await expectNoSeriousAccessibilityFindings(page);

  // The day travels down: the commitment and the milestone read April 30, 2011 too, each saying so.
  const firstCommitment = page.getByRole("list").filter({ has: page.getByRole("heading", { level: 3 }) }).getByRole("listitem").filter({ has: page.getByRole("table") }).first();
  const statusThen = await firstCommitment.getByRole("row").nth(1).getByRole("cell").last().textContent();
  const milestoneTitle = await firstCommitment.getByRole("row").nth(1).getByRole("link").textContent();
  await firstCommitment.getByRole("heading", { level: 3 }).getByRole("link").click();
  await expect(page).toHaveURL(/\/commitments\/[^/?]+\?asOf=2011-04-30$/);
  await expect(page.getByTestId("as-of")).toHaveText("Milestones and their statuses as they stood at the end of April 30, 2011. Show today");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: milestoneTitle!, exact: true }) });
  await expect(row.getByRole("cell").last()).toHaveText(statusThen!);
  await expectNoSeriousAccessibilityFindings(page);

  await row.getByRole("link", { name: milestoneTitle!, exact: true }).click();
  await expect(page).toHaveURL(/\/milestones\/[^/?]+\?asOf=2011-04-30$/);
  await expect(page.getByTestId("as-of")).toContainText("The status as it stood at the end of April 30, 2011");
  await expect(page.getByText("Status on April 30, 2011", { exact: true })).toBeVisible();
  await expect(page.getByTestId("current-status")).toHaveText(statusThen!);
  await expect(page.getByText("Status updates are recorded on today’s page.")).toBeVisible();
  // The way back up keeps the day; the history marks what came after it.
  await expect(page.getByRole("link", { name: /^Commitment: / })).toHaveAttribute("href", /\?asOf=2011-04-30$/);
  const history = page.getByTestId("milestone-history").getByRole("listitem");
  const later = history.filter({ hasText: "Made after April 30, 2011" });
  expect(await later.count()).toBe(await page.getByTestId("milestone-history").locator("[data-after-the-day]").count());
  await expectNoSeriousAccessibilityFindings(page);

  // "Show today" leads to today's page of the same milestone, which marks nothing.
  await page.getByTestId("as-of").getByRole("link", { name: "Show today" }).click();
  await expect(page).toHaveURL(/\/milestones\/[^/?]+$/);
  await expect(page.getByText("Current status", { exact: true })).toBeVisible();
  await expect(page.getByTestId("as-of")).toHaveCount(0);
  await expect(page.getByText(/^Made after /)).toHaveCount(0);

  // A day after today is not shown in silence: the page says why and shows today.
  await page.goto(`${new URL(page.url()).pathname}?asOf=2999-01-01`);
  await expect(page.getByRole("alert").filter({ hasText: "That day cannot be shown" })).toBeVisible();
  await expect(page.getByText("Current status", { exact: true })).toBeVisible();
});

test("a filter that cannot be used says so and shows today's figures", async ({ page }) => {
  await page.goto("/overview?asOf=2999-01-01&leadParty=canada");
  await expect(page.getByRole("alert").filter({ hasText: "Some filters could not be used" })).toBeVisible();
  // A day after today is not blocked in silence by the browser: the page says why it cannot be shown.
  await expect(page.getByRole("alert").filter({ hasText: "Some filters could not be used" })).toContainText("Figures exist only up to today");
  await expect(page.getByRole("list", { name: "Pillars" }).getByRole("listitem")).toHaveCount(5);
});

test("lead party and agency filters narrow the milestone figures", async ({ page }) => {
  await page.goto("/overview");
  const total = async () => {
    const counts = await page.getByRole("list", { name: "Pillars" }).locator("td[data-testid^=count-]").allTextContents();
    return counts.reduce((sum, n) => sum + Number(n), 0);
  };
  const all = await total();
  await page.getByLabel("Lead party").selectOption("mx");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/leadParty=mx/);
  await expect(page.getByText("Milestone figures are limited to the filters above")).toBeVisible();
  const mexican = await total();
  expect(mexican).toBeGreaterThan(0);
  expect(mexican).toBeLessThan(all);
});

test("a manager opens the printable report of the 2011 round: a summary first, then pillar by pillar with cited evidence and figures at the period's end", async ({ page }) => {
  await page.goto("/rounds");
  await page.getByRole("link", { name: "April 2011 two-year review" }).click();
  await page.getByRole("link", { name: "Printable report" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Report: April 2011 two-year review");
  await expect(page.getByText("Milestone figures as they stood on April 30, 2011.", { exact: false })).toBeVisible();
  const summary = page.getByTestId("report-summary");
  await expect(summary.getByRole("row", { name: /^1\. / })).toContainText("Advances: Steady · Results: Slow");
  await expect(summary.getByRole("row", { name: /^5\. / })).toContainText("Advances: Limited · Results: Cannot be assessed");
  const pillar1 = page.getByRole("region", { name: /^Pillar 1:/ });
  await expect(pillar1.getByRole("heading", { name: "Evidence cited" })).toBeVisible();
  await expect(pillar1.getByRole("listitem").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeVisible();
  await expectNoSeriousAccessibilityFindings(page);

  const downloadPdf = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download as PDF" }).click();
  const pdf = await downloadPdf;
  expect(pdf.suggestedFilename()).toMatch(/^round-report-2011-04-30-\d{4}-\d{2}-\d{2}\.pdf$/);
  expect(readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe("%PDF-");
});

test("the round report PDF is refused to anyone not signed in", async ({ playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, storageState: { cookies: [], origins: [] } });
  const answer = await anonymous.get("/api/v1/rounds/anything/report.pdf");
  expect(answer.status()).toBe(401);
  expect(((await answer.json()) as { error: string }).error).toBe("unauthenticated");
  await anonymous.dispose();
});
