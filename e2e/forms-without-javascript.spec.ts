import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { storageStateOf, type DemoRole } from "./users";

// Every form posted by a browser that runs no script: the server runs the
// action once and answers with the page, showing the result or the refusal
// with what was typed. A form whose action was bound inside a client component
// kept its server process re-rendering the page for ever, so every wait here
// is the ordinary bounded expectation: a hang fails the test.

const unique = () => Math.random().toString(36).slice(2, 8);
const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function pageWithoutScripts(browser: Browser, role: DemoRole): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateOf(role), javaScriptEnabled: false });
  return context.newPage();
}

async function dataOf<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  return ((await response.json()) as { data: T }).data;
}

/** A milestone of the staff user's agency that no other spec picks: the first not started one. */
async function staffMilestone(request: APIRequestContext, index: number) {
  const milestones = await dataOf<{ id: string; status: string }[]>(request, "/api/v1/milestones?mine=true&status=not_started");
  const sorted = [...milestones].sort((a, b) => a.id.localeCompare(b.id));
  expect(sorted.length).toBeGreaterThan(index);
  return sorted[index]!;
}

async function notesOf(request: APIRequestContext, milestoneId: string): Promise<string[]> {
  return (await dataOf<{ history: { note: string }[] }>(request, `/api/v1/milestones/${milestoneId}`)).history.map((entry) => entry.note);
}

async function logEvidence(request: APIRequestContext, pillar: number, title: string): Promise<string> {
  const [commitment] = await dataOf<{ id: string }[]>(request, `/api/v1/commitments?pillar=${pillar}`);
  const response = await request.post("/api/v1/evidence", {
    data: {
      commitmentId: commitment!.id,
      title,
      kind: "media_report",
      publisher: "E2E Gazette",
      url: "https://example.org/report",
      publishedOn: dayOffset(-1),
      summary: "A report logged by a browser test.",
      shows: "advance",
      reliability: "press_report",
    },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { data: { id: string } }).data.id;
}

async function openRound(request: APIRequestContext, title: string): Promise<string> {
  const response = await request.post("/api/v1/rounds", { data: { title, periodStart: "2020-01-01", periodEnd: dayOffset(30) } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { data: { id: string } }).data.id;
}

test("a status update posted without JavaScript is recorded once; a refused one names the field and keeps what was typed", async ({ browser }) => {
  const page = await pageWithoutScripts(browser, "staff");
  const milestone = await staffMilestone(page.request, 0);
  await page.goto(`/milestones/${milestone.id}`);

  await page.getByLabel("New status").selectOption("completed");
  await page.getByRole("button", { name: "Record the update" }).click();
  await expect(page.getByText("This field is required.")).toBeVisible();
  await expect(page.getByLabel("New status")).toHaveValue("completed");

  const note = `Recorded without scripts ${unique()}`;
  await page.getByLabel("New status").selectOption(milestone.status);
  await page.getByLabel("Note").fill(note);
  await page.getByRole("button", { name: "Record the update" }).click();
  await expect(page.getByRole("status")).toHaveText("The status update was recorded.");
  await expect(page.getByTestId("milestone-history").getByRole("listitem").first()).toContainText(note);
  expect((await notesOf(page.request, milestone.id)).filter((entry) => entry === note)).toHaveLength(1);

  // The server that answered is free for the next page.
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.context().close();
});

test("the status form's multipart post without the Next-Action header answers with the page", async ({ browser }) => {
  const page = await pageWithoutScripts(browser, "staff");
  const milestone = await staffMilestone(page.request, 1);
  await page.goto(`/milestones/${milestone.id}`);
  const form = page.locator("form[aria-labelledby='status-update-heading']");
  const hidden = await form.locator("input[type=hidden]").evaluateAll((inputs) => inputs.map((input) => [(input as HTMLInputElement).name, (input as HTMLInputElement).value] as const));
  const note = `Posted as a plain form ${unique()}`;
  // A bounded wait of its own, so that a server that never answers fails this test instead of holding it.
  const answer = await page.request.post(`/milestones/${milestone.id}`, {
    headers: { Origin: test.info().project.use.baseURL! },
    multipart: { ...Object.fromEntries(hidden), status: milestone.status, note },
    timeout: 30_000,
  });
  expect(answer.status()).toBe(200);
  expect(await answer.text()).toContain("The status update was recorded.");
  expect((await notesOf(page.request, milestone.id)).filter((entry) => entry === note)).toHaveLength(1);
  await page.context().close();
});

test("evidence is retracted without JavaScript once, after a refusal that names the missing reason", async ({ browser }) => {
  const page = await pageWithoutScripts(browser, "reviewer");
  const evidenceId = await logEvidence(page.request, 1, `Retracted without scripts ${unique()}`);
  await page.goto(`/evidence/${evidenceId}`);

  await page.getByRole("button", { name: "Retract the evidence" }).click();
  await expect(page.getByText("This field is required.")).toBeVisible();

  await page.getByLabel("Reason for the retraction").fill("Logged against the wrong commitment.");
  await page.getByRole("button", { name: "Retract the evidence" }).click();
  await expect(page.getByRole("region", { name: "Retracted" })).toContainText("Logged against the wrong commitment.");
  await expect(page.getByRole("button", { name: "Retract the evidence" })).toHaveCount(0);
  const stored = await dataOf<{ retraction: { reason: string } | null }>(page.request, `/api/v1/evidence/${evidenceId}`);
  expect(stored.retraction?.reason).toBe("Logged against the wrong commitment.");

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.context().close();
});

test("an assessment is saved, submitted, returned and its round closed without JavaScript, each step once", async ({ browser }) => {
  const reviewer = await pageWithoutScripts(browser, "reviewer");
  const manager = await pageWithoutScripts(browser, "manager");
  const roundId = await openRound(manager.request, `E2E without scripts ${unique()}`);
  const evidenceTitle = `Cited without scripts ${unique()}`;
  await logEvidence(reviewer.request, 2, evidenceTitle);
  const pillar = (await dataOf<{ id: string; number: number }[]>(reviewer.request, "/api/v1/pillars")).find((p) => p.number === 2)!;
  const created = await reviewer.request.post("/api/v1/assessments", { data: { roundId, pillarId: pillar.id, kind: "independent" } });
  expect(created.status()).toBe(201);
  const assessment = ((await created.json()) as { data: { id: string; version: number } }).data;
  const api = `/api/v1/assessments/${assessment.id}`;

  // A save against a version someone else has moved on is refused with what was typed kept.
  await reviewer.goto(`/assessments/${assessment.id}`);
  expect((await reviewer.request.patch(api, { data: { version: assessment.version, narrative: "Saved elsewhere." } })).status()).toBe(200);
  await reviewer.getByRole("textbox", { name: "Narrative" }).fill("Typed while the draft moved on.");
  await reviewer.getByRole("button", { name: "Save draft" }).click();
  await expect(reviewer.getByRole("alert")).toBeVisible();
  await expect(reviewer.getByRole("textbox", { name: "Narrative" })).toHaveValue("Typed while the draft moved on.");

  await reviewer.goto(`/assessments/${assessment.id}`);
  await reviewer.getByLabel("Advances", { exact: true }).selectOption("steady");
  await reviewer.getByLabel("Results", { exact: true }).selectOption("slow");
  await reviewer.getByRole("textbox", { name: "Narrative" }).fill("Saved without scripts.");
  await reviewer.getByRole("checkbox", { name: new RegExp(evidenceTitle) }).check();
  await reviewer.getByRole("button", { name: "Save draft" }).click();
  await expect(reviewer.getByRole("status")).toHaveText("Draft saved.");
  expect(await dataOf(reviewer.request, api)).toMatchObject({ version: assessment.version + 2, narrative: "Saved without scripts.", advances: "steady" });

  // Submit sends what the form shows: the narrative changed since the save is submitted with it, in one version.
  await reviewer.getByRole("textbox", { name: "Narrative" }).fill("Submitted without scripts, as typed.");
  await reviewer.getByRole("button", { name: "Submit", exact: true }).click();
  await expect(reviewer.getByTestId("assessment-header")).toContainText("Submitted");
  expect(await dataOf(reviewer.request, api)).toMatchObject({ version: assessment.version + 3, state: "submitted", narrative: "Submitted without scripts, as typed." });

  await manager.goto(`/assessments/${assessment.id}`);
  await manager.getByRole("button", { name: "Return to author" }).click();
  await expect(manager.getByText("This field is required.")).toBeVisible();
  await manager.getByLabel("Comment for the author").fill("Cite the figures for the same period.");
  await manager.getByRole("button", { name: "Return to author" }).click();
  await expect(manager.getByTestId("assessment-header")).toContainText("Returned");
  expect(await dataOf(manager.request, api)).toMatchObject({ version: assessment.version + 4, state: "returned" });

  await manager.goto(`/rounds/${roundId}`);
  await manager.getByRole("button", { name: "Close round" }).click();
  await expect(manager.getByTestId("round-status")).toContainText("Closed");
  expect(await dataOf(manager.request, `/api/v1/rounds/${roundId}`)).toMatchObject({ status: "closed" });

  await manager.goto("/");
  await expect(manager.getByRole("heading", { level: 1 })).toBeVisible();
  await reviewer.context().close();
  await manager.context().close();
});

test("an admin creates, archives and restores a commitment without JavaScript, after a refusal that keeps what was typed", async ({ browser }) => {
  const page = await pageWithoutScripts(browser, "admin");
  // Pillar 5 and a title that sorts last, as in plan-admin.spec.ts, so that tests reading a pillar's first commitment never meet it.
  const title = `Zz commitment without scripts ${unique()}`;
  await page.goto("/admin/plan");
  await page.getByRole("link", { name: "New commitment in pillar 5" }).click();
  await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await page.getByRole("radio", { name: "Joint" }).check();
  await page.getByRole("group", { name: "Responsible agencies" }).getByRole("checkbox").first().check();
  await page.getByLabel("Start date").fill("2027-01-01");
  await page.getByLabel("Target date").fill("2026-01-01");
  await page.getByRole("button", { name: "Create commitment" }).click();
  await expect(page.getByText("The target date cannot be before the start date.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(title);
  await expect(page.getByRole("radio", { name: "Joint" })).toBeChecked();

  await page.getByLabel("Target date").fill("2027-12-31");
  await page.getByRole("button", { name: "Create commitment" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const created = (await dataOf<{ title: string }[]>(page.request, "/api/v1/commitments?pillar=5")).filter((commitment) => commitment.title === title);
  expect(created).toHaveLength(1);

  await page.getByRole("link", { name: "Edit or archive this commitment" }).click();
  await page.getByRole("button", { name: "Archive commitment" }).click();
  await expect(page.getByText("Archived.", { exact: true })).toBeVisible();

  // The plan page holds a form for every archived record; the one posted answers.
  await page.goto("/admin/plan");
  const entry = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) });
  await expect(entry.getByRole("heading")).toContainText("Archived");
  await entry.getByRole("button", { name: `Restore commitment “${title}”` }).click();
  await expect(entry.getByRole("heading")).toHaveText(title);
  await page.context().close();
});
