import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { expectNoSeriousAccessibilityFindings, signIn } from "./helpers";
import { demoAccounts, e2eUser, storageStateOf } from "./users";

// The record made here goes to pillar 5 with a title that sorts last, as in
// plan-admin.spec.ts, so that tests reading a pillar's first commitment never meet it.
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("an admin reading the audit trail", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("filters the trail to a commitment they just changed, sees its title before and after with the request id, and downloads the events as CSV", async ({ page }) => {
    const title = `Zz audited commitment ${unique()}`;
    const editedTitle = `${title} (renamed)`;
    await page.goto("/admin/plan");
    await page.getByRole("link", { name: "New commitment in pillar 5" }).click();
    await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
    await page.getByRole("textbox", { name: "Description", exact: true }).fill("Created by the audit trail browser test");
    await page.getByRole("radio", { name: "Joint" }).check();
    await page.getByRole("button", { name: "Create commitment" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    const commitmentId = page.url().split("/").pop()!;
    await page.getByRole("link", { name: "Edit or archive this commitment" }).click();
    await page.getByRole("textbox", { name: "Title", exact: true }).fill(editedTitle);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(editedTitle);

    await page.getByRole("link", { name: "Audit trail", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit trail");
    await page.getByRole("combobox", { name: "Record type" }).selectOption({ label: "Commitment" });
    await page.getByRole("searchbox", { name: "Record id" }).fill(commitmentId);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(new RegExp(`recordType=Commitment.*recordId=${commitmentId}`));

    const events = page.getByTestId("audit-event");
    await expect(events).toHaveCount(2);
    const update = events.first();
    await expect(update.getByRole("heading")).toHaveText("commitment.update");
    await expect(update.getByRole("link", { name: `Commitment: ${editedTitle}` })).toHaveAttribute("href", `/commitments/${commitmentId}`);
    await expect(update).toContainText("By Alex Admin");
    await expect(update).toContainText(/Request id: [\w.:-]+/);
    const titleRow = update.getByRole("row", { name: /^title/ });
    await expect(titleRow.getByRole("cell")).toHaveText([title, editedTitle]);
    await expect(events.nth(1).getByRole("heading")).toHaveText("commitment.create");
    await expectNoSeriousAccessibilityFindings(page);

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download these events as CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^audit-events-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parse<Record<string, string>>(await readFile(await file.path()), { bom: true, columns: true });
    expect(rows.map((row) => row.action)).toEqual(["commitment.update", "commitment.create"]);
    expect(rows[0]).toMatchObject({ recordType: "Commitment", recordId: commitmentId, actorName: "Alex Admin" });
    expect(JSON.parse(rows[0]!.before!)).toMatchObject({ title });
    expect(JSON.parse(rows[0]!.after!)).toMatchObject({ title: editedTitle });
  });
});

test.describe("a manager and the audit trail", () => {
  test.use({ storageState: storageStateOf("manager") });

  test("gets neither the page, nor the API, nor a link to it", async ({ page }) => {
    const response = await page.goto("/admin/audit");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have access to this page");
    await expect(page.getByRole("link", { name: "Audit trail" })).toHaveCount(0);
    const api = await page.request.get("/api/v1/audit-events?format=csv");
    expect(api.status()).toBe(403);
    expect(await api.json()).toMatchObject({ error: "forbidden" });
  });
});

test.describe("refused access attempts in the audit trail", () => {
  test("a reviewer's refused API call and admin page are shown to the admin under access.refuse, with the route and the permission", async ({ browser }) => {
    const person = e2eUser("refused@e2e.local");
    const reviewerContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const reviewer = await reviewerContext.newPage();
    await signIn(reviewer, person.email, person.password);
    await expect(reviewer).toHaveURL("/");
    const assessmentId = `zz-refused-${unique()}`;
    const refused = await reviewer.request.post(`/api/v1/assessments/${assessmentId}/publish`, { data: {} });
    expect(refused.status()).toBe(403);
    expect((await reviewer.goto("/admin/audit"))?.status()).toBe(403);
    await reviewerContext.close();

    const adminContext = await browser.newContext({ storageState: storageStateOf("admin") });
    const page = await adminContext.newPage();
    await page.goto("/admin/audit");
    await page.getByRole("combobox", { name: "Person" }).selectOption({ label: person.name });
    await page.getByRole("combobox", { name: "Action" }).selectOption("access.refuse");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/actor=.*action=access\.refuse/);
    const events = page.getByTestId("audit-event");
    await expect(events).toHaveCount(2);
    const [pageRefusal, apiRefusal] = [events.nth(0), events.nth(1)];
    await expect(pageRefusal.getByRole("heading")).toHaveText("access.refuse");
    await expect(pageRefusal).toContainText("Route: GET /admin/audit");
    await expect(pageRefusal.getByRole("row", { name: /^permission/ }).getByRole("cell")).toHaveText(["—", "audit.read"]);
    await expect(apiRefusal).toContainText(`Route: POST /api/v1/assessments/${assessmentId}/publish`);
    await expect(apiRefusal).toContainText(`By ${person.name}`);
    await expect(apiRefusal).toContainText(/Request id: [\w.:-]+/);
    await expect(apiRefusal.getByRole("row", { name: /^permission/ }).getByRole("cell")).toHaveText(["—", "assessment.decide"]);
    await expectNoSeriousAccessibilityFindings(page);
    await adminContext.close();
  });

  test("a page that tells the role on itself that it does not allow it records the refusal too", async ({ browser }) => {
    const since = new Date().toISOString();
    const reviewerContext = await browser.newContext({ storageState: storageStateOf("reviewer") });
    const reviewer = await reviewerContext.newPage();
    await reviewer.goto("/my-milestones");
    await expect(reviewer.getByText("This page is for program staff.")).toBeVisible();
    await reviewerContext.close();

    const adminContext = await browser.newContext({ storageState: storageStateOf("admin") });
    const users = ((await (await adminContext.request.get("/api/v1/users")).json()) as { data: { email: string; id: string }[] }).data;
    const reviewerId = users.find((user) => user.email === demoAccounts.reviewer.email)!.id;
    const refusals = await adminContext.request.get(`/api/v1/audit-events?action=access.refuse&actor=${reviewerId}`);
    const events = ((await refusals.json()) as { data: { at: string; record: { type: string; id: string }; after: unknown }[] }).data;
    expect(events.filter((event) => event.at >= since && event.record.id === "GET /my-milestones")).toContainEqual(
      expect.objectContaining({ record: expect.objectContaining({ type: "Route" }), after: { permission: "milestones.mine" } }),
    );
    await adminContext.close();
  });
});
