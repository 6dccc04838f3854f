import { beforeAll, describe, expect, it } from "vitest";
import {
  amendAssessment,
  createAssessment,
  getAssessment,
  listAssessments,
  publishAssessment,
  returnAssessment,
  selfAssessmentComparisons,
  submitAssessment,
  updateAssessment,
} from "../../server/assessments";
import { db } from "../../server/db/client";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../server/errors";
import { retractEvidence } from "../../server/evidence";
import type { Actor } from "../../server/permissions";
import { closeRound } from "../../server/rounds";
import { actorOf, createActor, createAgency, createCommitment, createEvidence, createPillar, createRound, createUser } from "../factories";

let pillarId: string;
let otherPillarId: string;
let agencyId: string;
let commitmentId: string;
let evidenceId: string;
let manager: Actor;

beforeAll(async () => {
  pillarId = (await createPillar()).id;
  otherPillarId = (await createPillar()).id;
  agencyId = (await createAgency()).id;
  commitmentId = (await createCommitment({ pillarId, agencyIds: [agencyId] })).id;
  evidenceId = (await createEvidence({ commitmentId })).id;
  manager = await createActor(["manager"]);
});

/** A reviewer's complete draft in a new open round, ready to submit. */
async function completeDraft(options: { reviewer?: Actor; roundId?: string } = {}) {
  const reviewer = options.reviewer ?? (await createActor(["reviewer"]));
  const roundId = options.roundId ?? (await createRound()).id;
  const draft = await createAssessment(reviewer, {
    roundId,
    pillarId,
    advances: "steady",
    results: "slow",
    narrative: "Training advanced; prosecutions did not yet follow.",
    evidenceIds: [evidenceId],
  });
  return { reviewer, roundId, draft };
}

async function submitted(options: { reviewer?: Actor } = {}) {
  const { reviewer, roundId, draft } = await completeDraft(options);
  const after = await submitAssessment(reviewer, draft.id, { version: draft.version });
  return { reviewer, roundId, assessment: after };
}

async function published() {
  const { reviewer, roundId, assessment } = await submitted();
  return { reviewer, roundId, assessment: await publishAssessment(manager, assessment.id, { version: assessment.version }) };
}

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

describe("writing an assessment", () => {
  it("lets a reviewer start a draft in an open round, with its audit event, and edit it", async () => {
    const { reviewer, draft } = await completeDraft();
    expect(draft).toMatchObject({ state: "draft", kind: "independent", edition: 1, version: 1, evidenceIds: [evidenceId] });
    const edited = await updateAssessment(reviewer, draft.id, { version: 1, advances: "substantial", narrative: "Revised." });
    expect(edited).toMatchObject({ advances: "substantial", results: "slow", narrative: "Revised.", version: 2 });
    const actions = await db().auditEvent.findMany({ where: { entityId: draft.id }, select: { action: true }, orderBy: { at: "asc" } });
    expect(actions.map((event) => event.action)).toEqual(["assessment.create", "assessment.update"]);
  });

  it("keeps a draft to its author: others neither read nor edit it", async () => {
    const { draft } = await completeDraft();
    const otherReviewer = await createActor(["reviewer"]);
    for (const reader of [otherReviewer, manager, await createActor(["admin"]), await createActor(["staff"])]) {
      expect(await failure(getAssessment(reader, draft.id))).toBeInstanceOf(NotFoundError);
      expect((await listAssessments(reader, {})).some((row) => row.id === draft.id)).toBe(false);
    }
    expect(await failure(updateAssessment(otherReviewer, draft.id, { version: 1, narrative: "Not mine" }))).toBeInstanceOf(NotFoundError);
    expect(await failure(submitAssessment(otherReviewer, draft.id, { version: 1 }))).toBeInstanceOf(NotFoundError);
    expect(await db().assessment.findUniqueOrThrow({ where: { id: draft.id }, select: { version: true } })).toEqual({ version: 1 });
  });

  it("refuses an independent assessment to staff, managers and admins", async () => {
    const roundId = (await createRound()).id;
    for (const roles of [["staff"], ["manager"], ["admin"]] as const) {
      const actor = await createActor([...roles]);
      expect(await failure(createAssessment(actor, { roundId, pillarId, narrative: "x" }))).toBeInstanceOf(ForbiddenError);
    }
    expect(await db().assessment.count({ where: { roundId } })).toBe(0);
  });

  it("answers a second start on the same pillar in the same round with the first draft", async () => {
    const { reviewer, roundId, draft } = await completeDraft();
    const error = await failure(createAssessment(reviewer, { roundId, pillarId }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ reason: "assessmentExists", current: { id: draft.id } });
  });

  it("refuses bad input per field and writes nothing", async () => {
    const reviewer = await createActor(["reviewer"]);
    const roundId = (await createRound()).id;
    const cases: [Record<string, unknown>, string][] = [
      [{ advances: "heroic" }, "advances"],
      [{ results: "great" }, "results"],
      [{ narrative: "x".repeat(20_001) }, "narrative"],
      [{ pillarId: undefined }, "pillarId"],
      [{ pillarId: "nope" }, "pillarId"],
      [{ roundId: "nope" }, "roundId"],
      [{ evidenceIds: "not-an-array-of-ids!" }, "evidenceIds"],
      [{ state: "published" }, "state"],
      [{ commitmentId: (await createCommitment({ pillarId: otherPillarId })).id }, "commitmentId"],
    ];
    for (const [change, field] of cases) {
      const error = await failure(createAssessment(reviewer, { roundId, pillarId, ...change }));
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors).map((key) => key.split(".")[0]), field).toContain(field);
    }
    expect(await db().assessment.count({ where: { authorId: reviewer.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { actorId: reviewer.id } })).toBe(0);
  });

  it("cites only its pillar's evidence published by the end of the period and not retracted", async () => {
    const reviewer = await createActor(["reviewer"]);
    const round = await createRound({ periodEnd: "2024-12-31" });
    const otherPillar = await createEvidence({ commitmentId: (await createCommitment({ pillarId: otherPillarId })).id });
    const tooLate = await createEvidence({ commitmentId, publishedOn: "2025-01-01" });
    const retracted = await createEvidence({ commitmentId });
    await retractEvidence(reviewer, retracted.id, { reason: "Misread figure" });
    const onTheLastDay = await createEvidence({ commitmentId, publishedOn: "2024-12-31" });
    for (const [cited, code] of [
      [otherPillar.id, "citationOtherPillar"],
      [tooLate.id, "citationAfterPeriod"],
      [retracted.id, "citationRetracted"],
      ["missing-evidence", "unknownRecord"],
    ] as const) {
      const error = await failure(createAssessment(reviewer, { roundId: round.id, pillarId, evidenceIds: [cited] }));
      expect(error, code).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors.evidenceIds?.map((issue) => issue.code)).toEqual([code]);
    }
    const draft = await createAssessment(reviewer, { roundId: round.id, pillarId, evidenceIds: [onTheLastDay.id] });
    expect(draft.evidenceIds).toEqual([onTheLastDay.id]);
    const error = await failure(updateAssessment(reviewer, draft.id, { version: 1, evidenceIds: [onTheLastDay.id, tooLate.id] }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((await db().assessmentCitation.findMany({ where: { assessmentId: draft.id } })).map((c) => c.evidenceId)).toEqual([onTheLastDay.id]);
  });

  it("says of undated evidence logged after the period that it has no date and was logged too late, not that it was published too late", async () => {
    const reviewer = await createActor(["reviewer"]);
    const round = await createRound({ periodEnd: "2024-12-31" });
    const undated = await createEvidence({ commitmentId, publishedOn: null, createdAt: new Date("2025-01-01T09:00:00Z") });
    const error = await failure(createAssessment(reviewer, { roundId: round.id, pillarId, evidenceIds: [undated.id] }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.evidenceIds).toEqual([{ code: "citationLoggedAfterPeriod", values: { title: undated.title } }]);
    const loggedInTime = await createEvidence({ commitmentId, publishedOn: null, createdAt: new Date("2024-12-31T23:00:00Z") });
    expect((await createAssessment(reviewer, { roundId: round.id, pillarId, evidenceIds: [loggedInTime.id] })).evidenceIds).toEqual([loggedInTime.id]);
  });

  it("refuses an edit made from a stale version with where the assessment stands now", async () => {
    const { reviewer, draft } = await completeDraft();
    await updateAssessment(reviewer, draft.id, { version: 1, narrative: "First save" });
    const error = await failure(updateAssessment(reviewer, draft.id, { version: 1, narrative: "Second tab" }));
    expect(error).toMatchObject({ reason: "stale", current: { state: "draft", version: 2 } });
    expect((await db().assessment.findUniqueOrThrow({ where: { id: draft.id } })).narrative).toBe("First save");
  });
});

describe("submitting", () => {
  it("needs both ratings, a narrative and a cited piece of evidence", async () => {
    const reviewer = await createActor(["reviewer"]);
    const roundId = (await createRound()).id;
    const empty = await createAssessment(reviewer, { roundId, pillarId });
    const error = await failure(submitAssessment(reviewer, empty.id, { version: 1 }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual(["advances", "evidenceIds", "narrative", "results"]);
    expect((await db().assessment.findUniqueOrThrow({ where: { id: empty.id } })).state).toBe("draft");
  });

  it("saves what is sent with it and submits it in one step: one new version, an edit and a submission in the audit trail", async () => {
    const reviewer = await createActor(["reviewer"]);
    const roundId = (await createRound()).id;
    const empty = await createAssessment(reviewer, { roundId, pillarId });
    const done = await submitAssessment(reviewer, empty.id, { version: 1, advances: "steady", results: "slow", narrative: "Typed, never saved.", evidenceIds: [evidenceId] });
    expect(done).toMatchObject({ state: "submitted", version: 2, advances: "steady", results: "slow", narrative: "Typed, never saved.", evidenceIds: [evidenceId] });
    const events = await db().auditEvent.findMany({ where: { entityId: empty.id }, select: { action: true } });
    expect(events.map((event) => event.action).sort()).toEqual(["assessment.create", "assessment.submit", "assessment.update"]);
  });

  it("writes nothing when what is sent with it is incomplete: the typed fields are not saved alone", async () => {
    const reviewer = await createActor(["reviewer"]);
    const roundId = (await createRound()).id;
    const empty = await createAssessment(reviewer, { roundId, pillarId });
    const error = await failure(submitAssessment(reviewer, empty.id, { version: 1, advances: "steady", narrative: "Half done.", evidenceIds: [] }));
    expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual(["evidenceIds", "results"]);
    expect(await db().assessment.findUniqueOrThrow({ where: { id: empty.id } })).toMatchObject({ state: "draft", version: 1, advances: null, narrative: "" });
  });

  it("accepts 'cannot be assessed' as the results rating", async () => {
    const { reviewer, draft } = await completeDraft();
    const edited = await updateAssessment(reviewer, draft.id, { version: 1, results: "cannot_assess" });
    await expect(submitAssessment(reviewer, draft.id, { version: edited.version })).resolves.toMatchObject({ state: "submitted", results: "cannot_assess" });
  });

  it("refuses evidence retracted after it was cited", async () => {
    const reviewer = await createActor(["reviewer"]);
    const roundId = (await createRound()).id;
    const cited = await createEvidence({ commitmentId });
    const draft = await createAssessment(reviewer, { roundId, pillarId, advances: "steady", results: "slow", narrative: "N", evidenceIds: [cited.id] });
    await retractEvidence(reviewer, cited.id, { reason: "Withdrawn by its publisher" });
    const error = await failure(submitAssessment(reviewer, draft.id, { version: 1 }));
    expect((error as ValidationError).fieldErrors.evidenceIds?.[0]?.code).toBe("citationRetracted");
  });

  it("is the author's alone, and a submitted assessment is no longer edited", async () => {
    const { reviewer, assessment } = await submitted();
    expect(assessment).toMatchObject({ state: "submitted", version: 2 });
    expect(await failure(submitAssessment(await createActor(["reviewer"]), assessment.id, { version: 2 }))).toBeInstanceOf(ForbiddenError);
    expect(await failure(updateAssessment(reviewer, assessment.id, { version: 2, narrative: "Late change" }))).toMatchObject({ reason: "notEditable" });
    expect(await failure(submitAssessment(reviewer, assessment.id, { version: 2 }))).toMatchObject({ reason: "notEditable" });
  });
});

describe("publishing and returning", () => {
  it("lets a manager publish a submitted assessment, which then reads everywhere and never changes", async () => {
    const { reviewer, assessment } = await published();
    expect(assessment).toMatchObject({ state: "published", version: 3 });
    expect(assessment.publishedAt).not.toBeNull();
    const staff = await createActor(["staff"]);
    await expect(getAssessment(staff, assessment.id)).resolves.toMatchObject({ state: "published", mayEdit: false, mayDecide: false, mayAmend: false });
    expect(await failure(updateAssessment(reviewer, assessment.id, { version: 3, narrative: "Rewrite history" }))).toMatchObject({ reason: "notEditable" });
    for (const other of [manager, await createActor(["admin"]), await createActor(["reviewer"]), staff]) {
      expect(await failure(updateAssessment(other, assessment.id, { version: 3, narrative: "Not yours" }))).toBeInstanceOf(ForbiddenError);
      expect(await failure(submitAssessment(other, assessment.id, { version: 3 }))).toBeInstanceOf(ForbiddenError);
    }
    expect((await db().assessment.findUniqueOrThrow({ where: { id: assessment.id } })).narrative).toBe(assessment.narrative);
    expect(await failure(publishAssessment(manager, assessment.id, { version: 3 }))).toMatchObject({ reason: "notSubmitted" });
    expect(await failure(returnAssessment(manager, assessment.id, { version: 3, comment: "Too late" }))).toMatchObject({ reason: "notSubmitted" });
  });

  it("refuses publication to the author, even one who is also a manager, and to reviewers and staff", async () => {
    const managingReviewer = actorOf(await createUser({ roles: ["reviewer", "manager"] }));
    const { assessment } = await submitted({ reviewer: managingReviewer });
    for (const actor of [managingReviewer, await createActor(["reviewer"]), await createActor(["staff"])]) {
      expect(await failure(publishAssessment(actor, assessment.id, { version: assessment.version }))).toBeInstanceOf(ForbiddenError);
      expect(await failure(returnAssessment(actor, assessment.id, { version: assessment.version, comment: "No" }))).toBeInstanceOf(ForbiddenError);
    }
    await expect(publishAssessment(await createActor(["admin"]), assessment.id, { version: assessment.version })).resolves.toMatchObject({ state: "published" });
  });

  it("refuses to publish a draft", async () => {
    const { draft } = await completeDraft();
    expect(await failure(publishAssessment(manager, draft.id, { version: 1 }))).toBeInstanceOf(NotFoundError);
    expect((await db().assessment.findUniqueOrThrow({ where: { id: draft.id } })).state).toBe("draft");
  });

  it("returns with a comment to the author, who revises and resubmits", async () => {
    const { reviewer, assessment } = await submitted();
    expect(await failure(returnAssessment(manager, assessment.id, { version: 2, comment: "  " }))).toBeInstanceOf(ValidationError);
    const returned = await returnAssessment(manager, assessment.id, { version: 2, comment: "Cite the 2018 prison figures." });
    expect(returned).toMatchObject({ state: "returned", returnComment: "Cite the 2018 prison figures." });
    await expect(getAssessment(await createActor(["staff"]), assessment.id)).resolves.toMatchObject({ state: "returned" });
    const revised = await updateAssessment(reviewer, assessment.id, { version: returned.version, narrative: "Now with the prison figures." });
    const resubmitted = await submitAssessment(reviewer, assessment.id, { version: revised.version });
    expect(resubmitted.state).toBe("submitted");
    await expect(publishAssessment(manager, assessment.id, { version: resubmitted.version })).resolves.toMatchObject({ state: "published" });
    const actions = await db().auditEvent.findMany({ where: { entityId: assessment.id }, orderBy: { at: "asc" }, select: { action: true } });
    expect(actions.map((event) => event.action)).toEqual([
      "assessment.create",
      "assessment.submit",
      "assessment.return",
      "assessment.update",
      "assessment.submit",
      "assessment.publish",
    ]);
  });

  it("is refused by the database itself once published, even in raw SQL", async () => {
    const { assessment } = await published();
    await expect(db().$executeRaw`UPDATE "Assessment" SET narrative = 'rewritten' WHERE id = ${assessment.id}`).rejects.toThrow(/never changed/);
    await expect(db().$executeRaw`DELETE FROM "AssessmentCitation" WHERE "assessmentId" = ${assessment.id}`).rejects.toThrow(/never changed/);
  });
});

describe("rounds and assessments", () => {
  it("a closed round takes no new drafts, edits or submissions, but its submitted work can still be decided", async () => {
    const reviewer = await createActor(["reviewer"]);
    const roundId = (await createRound()).id;
    const { draft } = await completeDraft({ reviewer, roundId });
    const other = await completeDraft({ roundId });
    const pending = await submitAssessment(other.reviewer, other.draft.id, { version: 1 });
    await closeRound(manager, roundId);
    const staff = actorOf(await createUser({ roles: ["staff"], agencyId }));
    const newcomer = await createActor(["reviewer"]);
    const attempts = [
      () => createAssessment(newcomer, { roundId, pillarId }),
      () => createAssessment(staff, { roundId, kind: "self_assessment", commitmentId }),
      () => updateAssessment(reviewer, draft.id, { version: 1, narrative: "After closing" }),
      () => submitAssessment(reviewer, draft.id, { version: 1 }),
    ];
    for (const attempt of attempts) {
      expect(await failure(attempt())).toMatchObject({ reason: "roundClosed" });
    }
    await expect(publishAssessment(manager, pending.id, { version: pending.version })).resolves.toMatchObject({ state: "published" });
  });
});

describe("amendments", () => {
  it("are new drafts of the next edition, linked to the published version, which stays readable", async () => {
    const { reviewer, assessment } = await published();
    const amendment = await amendAssessment(reviewer, assessment.id);
    expect(amendment).toMatchObject({ state: "draft", edition: 2, amendsId: assessment.id, narrative: assessment.narrative, evidenceIds: [evidenceId] });
    const revised = await updateAssessment(reviewer, amendment.id, { version: 1, results: "moderate" });
    const resubmitted = await submitAssessment(reviewer, amendment.id, { version: revised.version });
    await publishAssessment(manager, amendment.id, { version: resubmitted.version });
    const reader = await createActor(["staff"]);
    const newest = await getAssessment(reader, amendment.id);
    expect(newest.versions.map((version) => [version.edition, version.state])).toEqual([
      [2, "published"],
      [1, "published"],
    ]);
    const original = await getAssessment(reader, assessment.id);
    expect(original).toMatchObject({ results: "slow", narrative: assessment.narrative, amendedBy: { id: amendment.id } });
    expect(original.versions.map((version) => version.id)).toEqual([amendment.id, assessment.id]);
  });

  it("are made by the author only, of a published version, once", async () => {
    const { reviewer, assessment } = await published();
    expect(await failure(amendAssessment(await createActor(["reviewer"]), assessment.id))).toBeInstanceOf(ForbiddenError);
    expect(await failure(amendAssessment(manager, assessment.id))).toBeInstanceOf(ForbiddenError);
    const amendment = await amendAssessment(reviewer, assessment.id);
    expect(await failure(amendAssessment(reviewer, assessment.id))).toMatchObject({ reason: "alreadyAmended", current: { id: amendment.id } });
    expect(await failure(amendAssessment(reviewer, amendment.id))).toMatchObject({ reason: "notPublished" });
    const draftsOfOthers = await getAssessment(await createActor(["reviewer"]), assessment.id);
    expect(draftsOfOthers.versions.map((version) => version.id)).toEqual([assessment.id]);
  });

  it("leave retracted evidence behind and show retraction on the version that cited it", async () => {
    const reviewer = await createActor(["reviewer"]);
    const roundId = (await createRound()).id;
    const cited = await createEvidence({ commitmentId });
    const draft = await createAssessment(reviewer, { roundId, pillarId, advances: "steady", results: "slow", narrative: "N", evidenceIds: [cited.id, evidenceId] });
    const done = await submitAssessment(reviewer, draft.id, { version: 1 });
    await publishAssessment(manager, done.id, { version: done.version });
    await retractEvidence(reviewer, cited.id, { reason: "Figures were revised" });
    const shown = await getAssessment(await createActor(["staff"]), draft.id);
    expect(shown.citations.find((citation) => citation.evidenceId === cited.id)?.evidence.retraction).toEqual({ reason: "Figures were revised" });
    const amendment = await amendAssessment(reviewer, draft.id);
    expect(amendment.evidenceIds).toEqual([evidenceId]);
  });
});

describe("self-assessments", () => {
  it("are recorded by staff of an agency on its own commitments only", async () => {
    const roundId = (await createRound()).id;
    const staff = actorOf(await createUser({ roles: ["staff"], agencyId }));
    const draft = await createAssessment(staff, { roundId, kind: "self_assessment", commitmentId, advances: "substantial", results: "moderate", narrative: "We did it", evidenceIds: [evidenceId] });
    expect(draft).toMatchObject({ kind: "self_assessment", agencyId, pillarId, commitmentId });
    const outsider = actorOf(await createUser({ roles: ["staff"], agencyId: (await createAgency()).id }));
    expect(await failure(createAssessment(outsider, { roundId, kind: "self_assessment", commitmentId }))).toBeInstanceOf(ForbiddenError);
    expect(await failure(createAssessment(await createActor(["reviewer"]), { roundId, kind: "self_assessment", commitmentId }))).toBeInstanceOf(ForbiddenError);
    const colleague = actorOf(await createUser({ roles: ["staff"], agencyId }));
    expect(await failure(createAssessment(colleague, { roundId, kind: "self_assessment", commitmentId }))).toMatchObject({ reason: "assessmentExists" });
    expect(await failure(updateAssessment(colleague, draft.id, { version: 1, narrative: "Mine now" }))).toBeInstanceOf(NotFoundError);
  });

  it("stand beside the independent verdict, flagged when two or more steps apart on either scale", async () => {
    const roundId = (await createRound()).id;
    const reviewer = await createActor(["reviewer"]);
    const independent = await createAssessment(reviewer, { roundId, pillarId, advances: "limited", results: "none_yet", narrative: "Slow", evidenceIds: [evidenceId] });
    const independentDone = await submitAssessment(reviewer, independent.id, { version: 1 });
    await publishAssessment(manager, independent.id, { version: independentDone.version });

    const near = await createCommitment({ pillarId, agencyIds: [agencyId] });
    const far = await createCommitment({ pillarId, agencyIds: [agencyId] });
    const staff = actorOf(await createUser({ roles: ["staff"], agencyId }));
    const verdicts = [
      [near.id, "steady", "slow"],
      [far.id, "substantial", "none_yet"],
    ] as const;
    for (const [commitment, advances, results] of verdicts) {
      const draft = await createAssessment(staff, { roundId, kind: "self_assessment", commitmentId: commitment, advances, results, narrative: "Self", evidenceIds: [evidenceId] });
      const done = await submitAssessment(staff, draft.id, { version: 1 });
      await publishAssessment(manager, draft.id, { version: done.version });
    }
    const comparisons = await selfAssessmentComparisons(await createActor(["staff"]), { round: roundId });
    const byCommitment = new Map(comparisons.map((pair) => [pair.self.commitmentId, pair]));
    expect(byCommitment.get(near.id)).toMatchObject({ independent: { id: independent.id }, comparison: { advancesGap: 1, resultsGap: 1, flagged: false } });
    expect(byCommitment.get(far.id)).toMatchObject({ independent: { id: independent.id }, comparison: { advancesGap: 2, resultsGap: 0, flagged: true } });
    const acrossRounds = await selfAssessmentComparisons(staff, { commitment: far.id });
    expect(acrossRounds.map((pair) => [pair.self.commitmentId, pair.independent?.id, pair.comparison?.flagged])).toEqual([[far.id, independent.id, true]]);
    const page = await getAssessment(manager, independent.id);
    expect(page.beside.map((other) => other.comparison.flagged).sort()).toEqual([false, true]);
  });
});
