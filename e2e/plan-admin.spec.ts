import { expect, test } from "@playwright/test";
import { expectNoSeriousAccessibilityFindings } from "./helpers";
import { storageStateOf } from "./users";

// Records made here go to pillar 5 with titles that sort last, so that tests
// reading the first commitment of a pillar in parallel never meet them.
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("an admin keeping the plan", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("creates a commitment and a milestone through the pages, edits the commitment, archives and restores both", async ({ page }) => {
    const title = `Zz browser commitment ${unique()}`;
    const milestoneTitle = `Zz browser milestone ${unique()}`;

    await page.goto("/admin/plan");
    await page.getByRole("link", { name: "New commitment in pillar 5" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "New commitment" })).toBeVisible();
    await expect(page.getByRole("combobox", { name: "Pillar", exact: true }).locator("option:checked")).toHaveText("5. Reduce demand for illegal narcotics");
    await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
    await page.getByRole("textbox", { name: "Description", exact: true }).fill("Created by the browser test");
    await page.getByRole("radio", { name: "Joint" }).check();
    await page.getByRole("group", { name: "Responsible agencies" }).getByRole("checkbox").first().check();
    await page.getByLabel("Start date").fill("2027-01-01");
    await page.getByLabel("Target date").fill("2026-01-01");
    await page.getByRole("combobox", { name: "Owner" }).selectOption({ label: "Alex Admin (admin@demo.local)" });
    await page.getByRole("button", { name: "Create commitment" }).click();

    // Refused: the problem is next to its field and what was typed is kept.
    await expect(page.getByText("The target date cannot be before the start date.")).toBeVisible();
    await expect(page.getByLabel("Target date")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(title);
    await expect(page.getByRole("radio", { name: "Joint" })).toBeChecked();
    await expect(page.getByRole("group", { name: "Responsible agencies" }).getByRole("checkbox").first()).toBeChecked();
    await expect(page.getByRole("combobox", { name: "Owner" }).locator("option:checked")).toHaveText("Alex Admin (admin@demo.local)");
    await expect(page.getByRole("combobox", { name: "Pillar", exact: true }).locator("option:checked")).toHaveText("5. Reduce demand for illegal narcotics");
    await expectNoSeriousAccessibilityFindings(page);

    await page.getByLabel("Target date").fill("2027-12-31");
    await page.getByRole("button", { name: "Create commitment" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    const commitmentUrl = page.url();
    expect(commitmentUrl).toMatch(/\/commitments\/[\w-]+$/);

    await page.getByRole("link", { name: "New milestone for this commitment" }).click();
    await expect(page.getByRole("combobox", { name: "Commitment", exact: true }).locator("option:checked")).toHaveText(`DR · ${title}`);
    await page.getByRole("textbox", { name: "Title", exact: true }).fill(milestoneTitle);
    await page.getByLabel("Due date").fill("2027-06-30");
    await page.getByRole("combobox", { name: "Owner" }).selectOption({ label: "Sam Staff (staff@demo.local)" });
    await page.getByRole("button", { name: "Create milestone" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(milestoneTitle);
    const milestoneUrl = page.url();
    expect(milestoneUrl).toMatch(/\/milestones\/[\w-]+$/);

    const editedTitle = `${title} (edited)`;
    await page.goto(commitmentUrl);
    await page.getByRole("link", { name: "Edit or archive this commitment" }).click();
    await expect(page.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(title);
    await page.getByRole("textbox", { name: "Title", exact: true }).fill(editedTitle);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(editedTitle);
    await expect(page.getByRole("table").getByRole("link", { name: milestoneTitle })).toBeVisible();

    await page.getByRole("link", { name: "Edit or archive this commitment" }).click();
    await page.getByRole("button", { name: "Archive commitment" }).click();
    await expect(page.getByText("Archived.", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Restore commitment" })).toBeVisible();
    await page.goto(commitmentUrl);
    await expect(page.getByText("This commitment is archived")).toBeVisible();
    await page.goto("/pillars/5");
    await expect(page.getByRole("link", { name: editedTitle })).toHaveCount(0);

    await page.goto("/admin/plan");
    const entry = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: editedTitle }) });
    await expect(entry.getByRole("heading")).toContainText("Archived");
    await entry.getByRole("button", { name: `Restore commitment “${editedTitle}”` }).click();
    await expect(entry.getByRole("heading")).toHaveText(editedTitle);
    await page.goto("/pillars/5");
    await expect(page.getByRole("link", { name: editedTitle })).toBeVisible();

    await page.goto(`/admin/milestones/${milestoneUrl.split("/").pop()}/edit`);
    await expect(page.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(milestoneTitle);
    await expectNoSeriousAccessibilityFindings(page);
    await page.getByRole("button", { name: "Archive milestone" }).click();
    await expect(page.getByText("Archived.", { exact: true })).toBeVisible();
    await page.goto(commitmentUrl);
    await expect(page.getByRole("link", { name: milestoneTitle })).toHaveCount(0);
    await page.goto("/admin/plan");
    const row = page.getByRole("row").filter({ hasText: milestoneTitle });
    await expect(row).toContainText("Archived");
    await row.getByRole("button", { name: `Restore milestone “${milestoneTitle}”` }).click();
    await expect(row.getByRole("button")).toHaveCount(0);
    await page.goto(commitmentUrl);
    await expect(page.getByRole("link", { name: milestoneTitle })).toBeVisible();
  });

  test("writes a plan text in both languages: Spanish pages show the Spanish, and the English marked where there is no Spanish yet", async ({ page, browser }) => {
    const title = `Zz two-language commitment ${unique()}`;
    const milestoneTitle = `Zz two-language milestone ${unique()}`;
    const milestoneTitleEs = `Zz hito en dos idiomas ${unique()}`;

    await page.goto("/admin/commitments/new");
    await page.getByRole("combobox", { name: "Pillar", exact: true }).selectOption({ label: "5. Reduce demand for illegal narcotics" });
    await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
    await page.getByRole("radio", { name: "Joint" }).check();
    await page.getByRole("button", { name: "Create commitment" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);

    await page.getByRole("link", { name: "New milestone for this commitment" }).click();
    await page.getByRole("textbox", { name: "Title", exact: true }).fill(milestoneTitle);
    await page.getByRole("textbox", { name: "Title in Spanish" }).fill(milestoneTitleEs);
    await page.getByRole("textbox", { name: "Description in Spanish" }).fill("Creado por la prueba del navegador");
    await page.getByLabel("Due date").fill("2027-06-30");
    await page.getByRole("button", { name: "Create milestone" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(milestoneTitle);
    await page.getByRole("link", { name: "Edit milestone" }).click();
    await expect(page.getByRole("textbox", { name: "Title in Spanish" })).toHaveValue(milestoneTitleEs);

    const visitor = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const publicPage = await visitor.newPage();
    await publicPage.goto("/public/es/pillars/5");
    const commitment = publicPage.getByRole("listitem").filter({ has: publicPage.getByRole("heading", { level: 3, name: new RegExp(title) }) });
    await expect(commitment.getByRole("heading", { level: 3 })).toHaveText(`${title} (in English)`);
    await expect(commitment.getByRole("heading", { level: 3 }).locator('[lang="en"]').first()).toHaveText(title);
    await expect(commitment.getByRole("row").filter({ hasText: milestoneTitleEs })).toHaveCount(1);
    await expect(commitment.getByText(milestoneTitle)).toHaveCount(0);
    await publicPage.goto("/public/en/pillars/5");
    await expect(publicPage.getByRole("row").filter({ hasText: milestoneTitle })).toHaveCount(1);
    await visitor.close();
  });

  test("finds the admin pages free of serious accessibility findings", async ({ page }) => {
    await page.goto("/admin/plan");
    await expect(page.getByRole("heading", { level: 1, name: "Keep the plan" })).toBeVisible();
    await expectNoSeriousAccessibilityFindings(page);
    await page.getByRole("link", { name: "Edit pillar 1" }).click();
    await expect(page.getByRole("textbox", { name: "Code" })).toHaveValue("P1");
    await expectNoSeriousAccessibilityFindings(page);
    for (const path of ["/admin/pillars/new", "/admin/commitments/new", "/admin/milestones/new", "/admin/import"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSeriousAccessibilityFindings(page);
    }
    await page.goto("/pillars/1");
    await page.getByRole("heading", { level: 3 }).first().getByRole("link").click();
    await page.getByRole("link", { name: "Edit or archive this commitment" }).click();
    await expect(page.getByRole("group", { name: "Responsible agencies" })).toBeVisible();
    await expectNoSeriousAccessibilityFindings(page);
  });

  test("checks an uploaded file, lists its problems by row and column, refuses to import it, and imports it once fixed", async ({ page }) => {
    const title = `Zz imported commitment ${unique()}`;
    const header = "pillar,commitment_title,commitment_description,lead_party,agencies,commitment_start,commitment_target,source_citation,milestone_title,milestone_description,due_date,owner_email";
    const good = `DR,${title},From the browser test,joint,US-INL;MX-SSP,2026-01-01,2027-12-31,Test plan,First step,,2026-06-30,staff@demo.local`;
    const bad = `DR,${title},,,,,,,Second step,,30/06/2026,nobody@demo.local`;

    await page.goto("/admin/import");
    const file = page.getByLabel("CSV file");
    await file.setInputFiles({ name: "too-large.csv", mimeType: "text/csv", buffer: Buffer.alloc(1024 * 1024 + 1, "a") });
    await expect(page.getByText("The file is larger than 1 MB.")).toBeVisible();

    const badFile = [header, good, bad].join("\n");
    await file.setInputFiles({ name: "plan.csv", mimeType: "text/csv", buffer: Buffer.from(badFile) });
    await page.getByRole("button", { name: "Check" }).click();
    // The check keeps the file's text in the text field, for fixing and importing.
    await expect(page.getByLabel("Or paste the CSV text")).toHaveValue(badFile);
    await expect(page.getByText("The check found 2 problems.", { exact: false })).toBeVisible();
    const problems = page.getByTestId("import-problems");
    await expect(problems.getByRole("row").nth(1)).toContainText(/3\s*due_date\s*Enter a date as YYYY-MM-DD\./);
    await expect(problems.getByRole("row").nth(2)).toContainText(/3\s*owner_email\s*This record does not exist\. \(“nobody@demo\.local”\)/);
    await expectNoSeriousAccessibilityFindings(page);

    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByText("Nothing was imported: the file has 2 problems.")).toBeVisible();

    await page.getByLabel("Or paste the CSV text").fill([header, good, bad.replace("30/06/2026", "2026-09-30").replace("nobody@", "staff@")].join("\n"));
    await page.getByRole("button", { name: "Check" }).click();
    await expect(page.getByText("The check found no problem.", { exact: false })).toBeVisible();
    await expect(page.getByText("1 commitment to create")).toBeVisible();
    await expect(page.getByText("2 milestones to create")).toBeVisible();
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByText("The import is done.")).toBeVisible();
    await expect(page.getByText("2 milestones created")).toBeVisible();
    await page.getByRole("link", { name: title }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByRole("table").getByRole("link")).toHaveText(["First step", "Second step"]);
  });

  test("downloads the import template", async ({ page }) => {
    const response = await page.request.get("/admin/import/template");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-disposition"]).toBe('attachment; filename="plan-import-template.csv"');
    const [header, example] = (await response.text()).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(header).toBe(
      "pillar,commitment_title_en,commitment_title_es,commitment_description_en,commitment_description_es,lead_party,agencies,commitment_start,commitment_target,source_citation,milestone_title_en,milestone_title_es,milestone_description_en,milestone_description_es,due_date,owner_email",
    );
    expect(example).toContain("admin@demo.local");
  });
});

for (const role of ["manager", "reviewer", "staff"] as const) {
  test.describe(`the demo ${role}`, () => {
    test.use({ storageState: storageStateOf(role) });

    test("gets no admin page, no template and no admin link", async ({ page }) => {
      for (const path of ["/admin/plan", "/admin/pillars/new", "/admin/commitments/new", "/admin/milestones/new", "/admin/import"]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
      }
      expect((await page.request.get("/admin/import/template")).status()).toBe(403);
      await page.goto("/pillars/1");
      await expect(page.getByRole("link", { name: "Edit this pillar" })).toHaveCount(0);
      await page.getByRole("heading", { level: 3 }).first().getByRole("link").click();
      await expect(page.getByRole("heading", { name: "Milestones" })).toBeVisible();
      await expect(page.getByRole("link", { name: /^Edit/ })).toHaveCount(0);
    });
  });
}
