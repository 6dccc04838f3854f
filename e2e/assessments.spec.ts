import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { expectNoSeriousAccessibilityFindings } from "./helpers";
import { storageStateOf, type DemoRole } from "./users";

// The review cycle through the pages, as the people in it work: a manager
// opens a round, a reviewer drafts and submits, the manager returns it with a
// comment, the reviewer revises, the manager publishes. Each test opens its
// own round, so tests running side by side never meet.

const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const unique = () => Math.random().toString(36).slice(2, 8);

async function pageAs(browser: Browser, role: DemoRole): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateOf(role) });
  return context.newPage();
}

async function openRoundThroughThePage(manager: Page, title: string): Promise<string> {
  await manager.goto("/rounds");
  await expectNoSeriousAccessibilityFindings(manager);
  await manager.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await manager.getByLabel("Period start").fill("2020-01-01");
  await manager.getByLabel("Period end").fill(dayOffset(30));
  await manager.getByRole("button", { name: "Open round" }).click();
  await expect(manager.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return manager.url().split("/rounds/")[1]!;
}

async function logEvidence(request: APIRequestContext, commitmentId: string, title: string): Promise<string> {
  const response = await request.post("/api/v1/evidence", {
    data: {
      commitmentId,
      title,
      kind: "official_document",
      publisher: "Fiscalía General de la República",
      url: "https://example.org/fgr-report",
      publishedOn: dayOffset(-1),
      summary: "Prosecutors trained under the programme opened more cases than the year before.",
      shows: "advance",
      reliability: "official_record",
    },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { data: { id: string } }).data.id;
}

/** Pillar ids by number. */
async function pillarIds(request: APIRequestContext): Promise<Map<number, string>> {
  const { data } = (await (await request.get("/api/v1/pillars")).json()) as { data: { id: string; number: number }[] };
  return new Map(data.map((pillar) => [pillar.number, pillar.id]));
}

async function firstCommitmentOfPillar(request: APIRequestContext, pillar: number): Promise<{ id: string; title: string }> {
  const response = await request.get(`/api/v1/commitments?pillar=${pillar}`);
  const { data } = (await response.json()) as { data: { id: string; title: string }[] };
  return data[0]!;
}

test("the review cycle: draft, submit, return with a comment, revise, resubmit, publish; published work is never edited", async ({ browser }) => {
  const manager = await pageAs(browser, "manager");
  const reviewer = await pageAs(browser, "reviewer");
  const roundTitle = `E2E review ${unique()}`;
  const roundId = await openRoundThroughThePage(manager, roundTitle);

  const commitment = await firstCommitmentOfPillar(reviewer.request, 2);
  const evidenceTitle = `Prosecutions report ${unique()}`;
  const evidenceId = await logEvidence(reviewer.request, commitment.id, evidenceTitle);
  const pillars = await pillarIds(reviewer.request);

  // The reviewer starts a draft of pillar 2 from the round's page.
  await reviewer.goto(`/rounds/${roundId}`);
  await expectNoSeriousAccessibilityFindings(reviewer);
  await reviewer.getByLabel("Pillar").selectOption(pillars.get(2)!);
  await reviewer.getByRole("button", { name: "Start draft" }).click();
  await expect(reviewer.getByRole("heading", { level: 1, name: "Assessment of pillar 2" })).toBeVisible();
  const assessmentUrl = reviewer.url();

  // Submitting an empty draft names everything that is missing.
  await reviewer.getByRole("button", { name: "Submit", exact: true }).click();
  await expect(reviewer.getByText("Before submitting:")).toBeVisible();
  await expect(reviewer.getByText("Cite at least one piece of evidence.")).toBeVisible();

  await reviewer.getByLabel("Advances", { exact: true }).selectOption("steady");
  await reviewer.getByLabel("Results", { exact: true }).selectOption("slow");
  await reviewer.getByRole("textbox", { name: "Narrative" }).fill("Prosecutor training advanced steadily; convictions have not yet followed.");
  await reviewer.getByRole("checkbox", { name: new RegExp(evidenceTitle) }).check();
  await reviewer.getByRole("button", { name: "Save draft" }).click();
  await expect(reviewer.getByRole("status")).toHaveText("Draft saved.");
  await expect(reviewer.getByTestId("verdict-advances")).toHaveText("Steady");
  await expect(reviewer.getByRole("region", { name: "Cited evidence" })).toContainText(evidenceTitle);
  await expectNoSeriousAccessibilityFindings(reviewer);
  await reviewer.getByRole("button", { name: "Submit", exact: true }).click();
  await expect(reviewer.getByTestId("assessment-header")).toContainText("Submitted");
  await expect(reviewer.getByRole("button", { name: "Save draft" })).toHaveCount(0);
  // A reviewer never decides on an assessment.
  await expect(reviewer.getByRole("button", { name: "Publish" })).toHaveCount(0);

  // The manager finds it waiting for a decision and returns it with a comment.
  await manager.goto("/rounds");
  await expect(manager.getByRole("region", { name: "Awaiting your decision" })).toContainText(roundTitle);
  await manager.goto(assessmentUrl);
  await expectNoSeriousAccessibilityFindings(manager);
  await manager.getByRole("button", { name: "Return to author" }).click();
  await expect(manager.getByText("This field is required.")).toBeVisible();
  await manager.getByLabel("Comment for the author").fill("Cite the conviction figures for the same period.");
  await manager.getByRole("button", { name: "Return to author" }).click();
  await expect(manager.getByTestId("assessment-header")).toContainText("Returned");

  // The reviewer finds it among their work in progress, sees the comment, revises and resubmits.
  await reviewer.goto("/rounds");
  await reviewer.getByRole("region", { name: "Your assessments in progress" }).getByRole("link", { name: new RegExp(roundTitle) }).click();
  await expect(reviewer).toHaveURL(assessmentUrl);
  await expect(reviewer.getByTestId("return-comment")).toContainText("Cite the conviction figures for the same period.");
  await expect(reviewer.getByRole("textbox", { name: "Narrative" })).toHaveValue("Prosecutor training advanced steadily; convictions have not yet followed.");
  await reviewer.getByRole("textbox", { name: "Narrative" }).fill("Prosecutor training advanced steadily; convictions stayed flat over the period.");
  await reviewer.getByRole("button", { name: "Save draft" }).click();
  await expect(reviewer.getByRole("status")).toHaveText("Draft saved.");
  await reviewer.getByRole("button", { name: "Submit", exact: true }).click();
  await expect(reviewer.getByTestId("assessment-header")).toContainText("Submitted");

  // The manager publishes.
  await manager.goto(assessmentUrl);
  await manager.getByRole("button", { name: "Publish" }).click();
  await expect(manager.getByTestId("assessment-header")).toContainText("Published");

  // Published: readable by all, no edit control, and a crafted edit is refused with nothing changed.
  await reviewer.goto(assessmentUrl);
  await expect(reviewer.getByTestId("narrative")).toHaveText("Prosecutor training advanced steadily; convictions stayed flat over the period.");
  await expect(reviewer.getByRole("button", { name: "Save draft" })).toHaveCount(0);
  await expect(reviewer.getByRole("button", { name: "Submit", exact: true })).toHaveCount(0);
  await expect(reviewer.getByRole("button", { name: "Start an amendment" })).toBeVisible();
  await expectNoSeriousAccessibilityFindings(reviewer);
  const id = assessmentUrl.split("/assessments/")[1]!;
  const current = ((await (await reviewer.request.get(`/api/v1/assessments/${id}`)).json()) as { data: { version: number } }).data;
  const crafted = await reviewer.request.patch(`/api/v1/assessments/${id}`, { data: { version: current.version, narrative: "Rewritten after publication" } });
  expect(crafted.status()).toBe(409);
  const after = ((await (await reviewer.request.get(`/api/v1/assessments/${id}`)).json()) as { data: { narrative: string; state: string } }).data;
  expect(after).toMatchObject({ state: "published", narrative: "Prosecutor training advanced steadily; convictions stayed flat over the period." });

  // The round lists it as published, and the evidence it cites says so.
  await reviewer.goto(`/rounds/${roundId}`);
  await expect(reviewer.getByRole("region", { name: /^Pillar 2:/ })).toContainText("Published");
  await reviewer.goto(`/evidence/${evidenceId}`);
  await expect(reviewer.getByRole("main")).toContainText(roundTitle);

  // While the round is open its report says it is provisional, and how far it has come.
  await manager.goto(`/rounds/${roundId}/report`);
  await expect(manager.getByTestId("report-provisional")).toHaveText(
    "Provisional: this round is still open and 1 of 5 pillars have a published verdict. The report is final, and frozen, once the round closes.",
  );

  // The manager closes the round; it then takes no new drafts.
  await manager.goto(`/rounds/${roundId}`);
  await manager.getByRole("button", { name: "Close round" }).click();
  await expect(manager.getByTestId("round-status")).toContainText("Closed");
  const late = await reviewer.request.post("/api/v1/assessments", { data: { roundId, pillarId: pillars.get(2), kind: "independent" } });
  expect(late.status()).toBe(409);
});

test("a draft typed but never saved is submitted as the form shows it; leaving it first asks before the typing is lost", async ({ browser }) => {
  const manager = await pageAs(browser, "manager");
  const reviewer = await pageAs(browser, "reviewer");
  const opened = await manager.request.post("/api/v1/rounds", { data: { title: `E2E submit as shown ${unique()}`, periodStart: "2020-01-01", periodEnd: dayOffset(30) } });
  expect(opened.status()).toBe(201);
  const roundId = ((await opened.json()) as { data: { id: string } }).data.id;
  const commitment = await firstCommitmentOfPillar(reviewer.request, 4);
  const evidenceTitle = `Community programme census ${unique()}`;
  await logEvidence(reviewer.request, commitment.id, evidenceTitle);
  const pillars = await pillarIds(reviewer.request);
  const created = await reviewer.request.post("/api/v1/assessments", { data: { roundId, pillarId: pillars.get(4) } });
  expect(created.status()).toBe(201);
  const draftId = ((await created.json()) as { data: { id: string } }).data.id;

  await reviewer.goto(`/assessments/${draftId}`);
  await reviewer.getByLabel("Advances", { exact: true }).selectOption("steady");
  await reviewer.getByLabel("Results", { exact: true }).selectOption("slow");
  const narrative = "Programmes reached more towns; violence fell only slightly.";
  await reviewer.getByRole("textbox", { name: "Narrative" }).fill(narrative);
  await reviewer.getByRole("checkbox", { name: new RegExp(evidenceTitle) }).check();

  // A link away asks first; staying keeps everything typed.
  const question = new Promise<string>((resolve) =>
    reviewer.once("dialog", (dialog) => {
      resolve(dialog.message());
      void dialog.dismiss();
    }),
  );
  await reviewer.getByRole("main").getByRole("link", { name: /E2E submit as shown/ }).click();
  expect(await question).toContain("not saved");
  await expect(reviewer).toHaveURL(new RegExp(`/assessments/${draftId}$`));
  await expect(reviewer.getByRole("textbox", { name: "Narrative" })).toHaveValue(narrative);

  // Submit, never having saved: what the form shows is what is submitted.
  await reviewer.getByRole("button", { name: "Submit", exact: true }).click();
  await expect(reviewer.getByTestId("assessment-header")).toContainText("Submitted");
  await expect(reviewer.getByTestId("verdict-advances")).toHaveText("Steady");
  await expect(reviewer.getByTestId("verdict-results")).toHaveText("Slow");
  await expect(reviewer.getByTestId("narrative")).toHaveText(narrative);
  await expect(reviewer.getByRole("region", { name: "Cited evidence" })).toContainText(evidenceTitle);
  await expectNoSeriousAccessibilityFindings(reviewer);
  const stored = ((await (await reviewer.request.get(`/api/v1/assessments/${draftId}`)).json()) as { data: { state: string; version: number } }).data;
  expect(stored).toMatchObject({ state: "submitted", version: 2 });

  // Nothing unsaved is left: leaving now asks nothing.
  await reviewer.getByRole("main").getByRole("link", { name: /E2E submit as shown/ }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/rounds/${roundId}$`));
});

test("an amendment is a new version; both stay readable, the newest first", async ({ browser }) => {
  const manager = await pageAs(browser, "manager");
  const reviewer = await pageAs(browser, "reviewer");
  const roundId = await openRoundThroughThePage(manager, `E2E amendments ${unique()}`);
  const commitment = await firstCommitmentOfPillar(reviewer.request, 3);
  const evidenceId = await logEvidence(reviewer.request, commitment.id, `Border wait times ${unique()}`);
  const pillars = await pillarIds(reviewer.request);
  const created = await reviewer.request.post("/api/v1/assessments", {
    data: { roundId, pillarId: pillars.get(3), advances: "limited", results: "none_yet", narrative: "First reading.", evidenceIds: [evidenceId] },
  });
  expect(created.status()).toBe(201);
  const draft = ((await created.json()) as { data: { id: string; version: number } }).data;
  const submitted = await reviewer.request.post(`/api/v1/assessments/${draft.id}/submit`, { data: { version: draft.version } });
  expect(submitted.status()).toBe(200);
  const ownPublish = await reviewer.request.post(`/api/v1/assessments/${draft.id}/publish`, { data: { version: draft.version + 1 } });
  expect(ownPublish.status()).toBe(403);
  expect((await manager.request.post(`/api/v1/assessments/${draft.id}/publish`, { data: { version: draft.version + 1 } })).status()).toBe(200);

  await reviewer.goto(`/assessments/${draft.id}`);
  await reviewer.getByRole("button", { name: "Start an amendment" }).click();
  await expect(reviewer.getByTestId("assessment-header")).toContainText("Version 2");
  await expect(reviewer.getByText("This version amends version 1.")).toBeVisible();
  await reviewer.getByLabel("Results", { exact: true }).selectOption("slow");
  await reviewer.getByRole("button", { name: "Save draft" }).click();
  await expect(reviewer.getByRole("status")).toHaveText("Draft saved.");
  await reviewer.getByRole("button", { name: "Submit", exact: true }).click();
  await expect(reviewer.getByTestId("assessment-header")).toContainText("Submitted");
  const amendmentUrl = reviewer.url();

  await manager.goto(amendmentUrl);
  await manager.getByRole("button", { name: "Publish" }).click();
  await expect(manager.getByTestId("assessment-header")).toContainText("Published");
  await expect(manager.getByTestId("versions").getByRole("listitem")).toHaveText(["Version 2 · Published (this page)", "Version 1 · Published"]);

  await manager.goto(`/assessments/${draft.id}`);
  await expect(manager.getByTestId("verdict-results")).toHaveText("None yet");
  await expect(manager.getByText("A newer version replaces this one.")).toBeVisible();
});

test("an agency's self-assessment stands beside the independent verdict, flagged two steps apart", async ({ browser }) => {
  const manager = await pageAs(browser, "manager");
  const reviewer = await pageAs(browser, "reviewer");
  const staff = await pageAs(browser, "staff");
  const roundId = await openRoundThroughThePage(manager, `E2E self-assessment ${unique()}`);
  const mine = ((await (await staff.request.get("/api/v1/milestones?mine=true")).json()) as { data: { commitment: { id: string; title: string }; pillar: { number: number } }[] }).data[0]!;
  const evidenceId = await logEvidence(reviewer.request, mine.commitment.id, `Agency report ${unique()}`);
  const pillars = await pillarIds(reviewer.request);

  const publishNew = async (author: Page, data: Record<string, unknown>) => {
    const created = ((await (await author.request.post("/api/v1/assessments", { data: { roundId, narrative: "Verdict.", evidenceIds: [evidenceId], ...data } })).json()) as {
      data: { id: string; version: number };
    }).data;
    expect((await author.request.post(`/api/v1/assessments/${created.id}/submit`, { data: { version: created.version } })).status()).toBe(200);
    expect((await manager.request.post(`/api/v1/assessments/${created.id}/publish`, { data: { version: created.version + 1 } })).status()).toBe(200);
    return created.id;
  };
  await publishNew(reviewer, { pillarId: pillars.get(mine.pillar.number), advances: "limited", results: "slow" });

  // Staff start theirs from the round page, then rate it through the form.
  await staff.goto(`/rounds/${roundId}`);
  await expectNoSeriousAccessibilityFindings(staff);
  await staff.getByLabel("Commitment").selectOption(mine.commitment.id);
  await staff.getByRole("button", { name: "Start self-assessment" }).click();
  await expect(staff.getByTestId("assessment-header")).toContainText("Self-assessment");
  const selfId = staff.url().split("/assessments/")[1]!;
  const self = ((await (await staff.request.get(`/api/v1/assessments/${selfId}`)).json()) as { data: { version: number } }).data;
  const rated = await staff.request.patch(`/api/v1/assessments/${selfId}`, {
    data: { version: self.version, advances: "substantial", results: "moderate", narrative: "We delivered.", evidenceIds: [evidenceId] },
  });
  expect(rated.status()).toBe(200);
  expect((await staff.request.post(`/api/v1/assessments/${selfId}/submit`, { data: { version: self.version + 1 } })).status()).toBe(200);
  expect((await manager.request.post(`/api/v1/assessments/${selfId}/publish`, { data: { version: self.version + 2 } })).status()).toBe(200);

  await manager.goto(`/rounds/${roundId}`);
  const comparisons = manager.getByTestId("comparisons");
  await expect(comparisons).toContainText("Advances: Substantial · Results: Moderate");
  await expect(comparisons).toContainText("Advances: Limited · Results: Slow");
  await expect(comparisons).toContainText("Two or more steps apart");
  await expect(comparisons).toContainText("advances 2, results 1");
  await expectNoSeriousAccessibilityFindings(manager);

  // The commitment's own page shows the same pair, round by round.
  await manager.goto(`/commitments/${mine.commitment.id}`);
  await expect(manager.getByTestId("comparisons")).toContainText("Two or more steps apart");
  await expectNoSeriousAccessibilityFindings(manager);
});

test("the rounds and assessments API answers 201, 200, 400, 401, 403, 404 and 409 as the rules say", async ({ browser, playwright }) => {
  const manager = await pageAs(browser, "manager");
  const reviewer = await pageAs(browser, "reviewer");
  const staff = await pageAs(browser, "staff");
  const pillars = await pillarIds(reviewer.request);

  const badRound = await manager.request.post("/api/v1/rounds", { data: { title: " ", periodStart: "2024-01-01", periodEnd: "2023-12-31" } });
  expect(badRound.status()).toBe(400);
  expect(Object.keys(((await badRound.json()) as { fields: object }).fields).sort()).toEqual(["periodEnd", "title"]);
  expect((await reviewer.request.post("/api/v1/rounds", { data: { title: "Mine", periodStart: "2024-01-01", periodEnd: "2024-12-31" } })).status()).toBe(403);
  const opened = await manager.request.post("/api/v1/rounds", { data: { title: `API round ${unique()}`, periodStart: "2020-01-01", periodEnd: dayOffset(30) } });
  expect(opened.status()).toBe(201);
  const roundId = ((await opened.json()) as { data: { id: string } }).data.id;

  const badDraft = await reviewer.request.post("/api/v1/assessments", {
    data: { roundId, pillarId: pillars.get(1), advances: "heroic", results: "great", narrative: "x".repeat(20_001) },
  });
  expect(badDraft.status()).toBe(400);
  expect(Object.keys(((await badDraft.json()) as { fields: object }).fields).sort()).toEqual(["advances", "narrative", "results"]);
  expect((await staff.request.post("/api/v1/assessments", { data: { roundId, pillarId: pillars.get(1) } })).status()).toBe(403);
  const listed = async () => ((await (await reviewer.request.get(`/api/v1/assessments?round=${roundId}`)).json()) as { data: unknown[] }).data.length;
  expect(await listed()).toBe(0);

  const created = await reviewer.request.post("/api/v1/assessments", { data: { roundId, pillarId: pillars.get(1) } });
  expect(created.status()).toBe(201);
  const draft = ((await created.json()) as { data: { id: string; version: number } }).data;
  expect((await manager.request.get(`/api/v1/assessments/${draft.id}`)).status()).toBe(404);
  const incomplete = await reviewer.request.post(`/api/v1/assessments/${draft.id}/submit`, { data: { version: draft.version } });
  expect(incomplete.status()).toBe(400);
  expect(Object.keys(((await incomplete.json()) as { fields: object }).fields).sort()).toEqual(["advances", "evidenceIds", "narrative", "results"]);
  const crafted = await reviewer.request.patch(`/api/v1/assessments/${draft.id}`, { data: { version: draft.version, state: "published" } });
  expect(crafted.status()).toBe(400);
  expect((await reviewer.request.patch(`/api/v1/assessments/${draft.id}`, { data: { version: draft.version + 5, narrative: "Stale" } })).status()).toBe(409);
  expect((await reviewer.request.post(`/api/v1/assessments/${draft.id}/publish`, { data: { version: draft.version } })).status()).toBe(403);
  expect((await manager.request.post(`/api/v1/assessments/${draft.id}/return`, { data: { version: draft.version, comment: "Why?" } })).status()).toBe(404);
  expect((await reviewer.request.get("/api/v1/assessments/no-such-assessment")).status()).toBe(404);

  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  expect((await anonymous.get("/api/v1/rounds")).status()).toBe(401);
  expect((await anonymous.post(`/api/v1/assessments/${draft.id}/submit`, { data: { version: 1 } })).status()).toBe(401);
  await anonymous.dispose();

  expect((await reviewer.request.post(`/api/v1/rounds/${roundId}/close`)).status()).toBe(403);
  expect((await manager.request.post(`/api/v1/rounds/${roundId}/close`)).status()).toBe(200);
  expect((await manager.request.post(`/api/v1/rounds/${roundId}/close`)).status()).toBe(409);
  const afterClose = await reviewer.request.patch(`/api/v1/assessments/${draft.id}`, { data: { version: draft.version, narrative: "Too late" } });
  expect(afterClose.status()).toBe(409);
  expect(((await afterClose.json()) as { message: string }).message).toContain("closed");
});
