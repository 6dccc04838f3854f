import "server-only";
import { z } from "zod";
import { compareVerdicts } from "./assessment-scales";
import { standingAssessments, visibleAssessments } from "./assessment-visibility";
import { recordAudit } from "./audit";
import type { CsvColumn } from "./csv";
import { db, readingDb, type Transaction } from "./db/client";
import type { Prisma } from "./db/generated/client";
import { Advances, AssessmentKind, AssessmentState, type Locale, Results } from "./db/generated/enums";
import { idRow, queryRows } from "./db/raw-rows";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldErrors, type FieldIssue } from "./errors";
import { notifyAssessmentStep } from "./notifications";
import { can, ensure, type Actor, type Permission } from "./permissions";
import { lockRound } from "./rounds";
import { blankToUndefined, isoDate, optionalRecordId, parseInput, recordId, versionSeen } from "./validation";

// ---------------------------------------------------------------------------
// Inputs: one schema per operation, shared by the server actions and the API.
// ---------------------------------------------------------------------------

// A blank select means "not rated yet"; null clears a rating in the API.
const rating = <Values extends Record<string, string>>(values: Values) =>
  z.preprocess((value) => (value === "" ? null : value), z.enum(values).nullable().optional());

// A form sends one checked box as a string and none at all as nothing; the API sends an array.
const evidenceIds = z.preprocess(
  (value) => (typeof value === "string" ? (value.trim() === "" ? [] : [value]) : value),
  z.array(recordId).max(200).optional(),
);

const narrative = z.string().trim().max(20_000).optional();

export const assessmentDraftInput = z
  .strictObject({
    roundId: recordId,
    kind: z.preprocess(blankToUndefined, z.enum(AssessmentKind).default("independent")),
    pillarId: optionalRecordId,
    commitmentId: optionalRecordId,
    advances: rating(Advances),
    results: rating(Results),
    narrative,
    evidenceIds,
  })
  .superRefine((input, context) => {
    if (input.kind === "independent" && !input.pillarId) context.addIssue({ code: "custom", path: ["pillarId"], message: "required" });
    if (input.kind === "self_assessment" && !input.commitmentId) context.addIssue({ code: "custom", path: ["commitmentId"], message: "required" });
  });

export const assessmentEditInput = z.strictObject({
  version: versionSeen,
  advances: rating(Advances),
  results: rating(Results),
  narrative,
  evidenceIds,
});

export const assessmentStepInput = z.strictObject({ version: versionSeen });

export const assessmentReturnInput = z.strictObject({ version: versionSeen, comment: z.string().trim().min(1).max(5000) });

export const assessmentFilter = z.object({
  round: optionalRecordId,
  pillar: optionalRecordId,
  commitment: optionalRecordId,
  state: z.preprocess(blankToUndefined, z.enum(AssessmentState).optional()),
  kind: z.preprocess(blankToUndefined, z.enum(AssessmentKind).optional()),
  mine: z.enum(["true", "false"]).optional(),
});

// ---------------------------------------------------------------------------
// Who may do what to one assessment. The pages show controls from these, and
// every write checks them again inside its transaction.
// ---------------------------------------------------------------------------

interface AssessmentAccess {
  kind: AssessmentKind;
  authorId: string;
  agencyId: string | null;
  state: AssessmentState;
}

/** The permission under which an assessment of this kind is written. */
const writePermission = (kind: AssessmentKind): Permission => (kind === "independent" ? "assessment.write" : "selfAssessment.write");

/** The author may keep writing their own work while they still hold the role that wrote it. */
function isWritingAuthor(actor: Actor, assessment: AssessmentAccess): boolean {
  if (assessment.authorId !== actor.id || !can(actor, writePermission(assessment.kind))) return false;
  return assessment.kind === "independent" || actor.agencyId === assessment.agencyId;
}

const editableStates: readonly AssessmentState[] = ["draft", "returned"];

function mayEdit(actor: Actor, assessment: AssessmentAccess, roundOpen: boolean): boolean {
  return roundOpen && editableStates.includes(assessment.state) && isWritingAuthor(actor, assessment);
}

/** A manager decides on submitted work, never on their own. */
function mayDecide(actor: Actor, assessment: AssessmentAccess): boolean {
  return assessment.state === "submitted" && can(actor, "assessment.decide") && assessment.authorId !== actor.id;
}

function mayAmend(actor: Actor, assessment: AssessmentAccess & { amendedBy: unknown }, roundOpen: boolean): boolean {
  return roundOpen && assessment.state === "published" && assessment.amendedBy === null && isWritingAuthor(actor, assessment);
}

// ---------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------

/**
 * Starts an assessment in an open round: a reviewer's independent one of a
 * pillar (optionally one of its commitments), or a staff member's
 * self-assessment of one of their agency's commitments. One per author and
 * subject in a round; a second attempt answers with the first.
 */
export async function createAssessment(actor: Actor, raw: unknown) {
  if (!can(actor, "assessment.write") && !can(actor, "selfAssessment.write")) throw new ForbiddenError(actor);
  const input = parseInput(assessmentDraftInput, raw);
  ensure(actor, writePermission(input.kind));
  return db().$transaction(async (tx) => {
    const round = await lockRound(tx, input.roundId);
    if (!round) throw new ValidationError({ roundId: [{ code: "unknownRecord" }] });
    if (round.status === "closed") throw new ConflictError("roundClosed");
    const subject = await resolveSubject(tx, actor, input);
    const existing = await tx.assessment.findFirst({
      where: {
        roundId: round.id,
        kind: input.kind,
        amendsId: null,
        commitmentId: subject.commitmentId,
        ...(input.kind === "independent" ? { authorId: actor.id, pillarId: subject.pillarId } : { agencyId: actor.agencyId }),
      },
      select: { id: true, state: true },
    });
    if (existing) throw new ConflictError("assessmentExists", existing);
    const citations = await checkCitations(tx, input.evidenceIds ?? [], subject.pillarId, round.periodEnd);
    const created = await tx.assessment.create({
      data: {
        roundId: round.id,
        pillarId: subject.pillarId,
        commitmentId: subject.commitmentId,
        kind: input.kind,
        agencyId: input.kind === "self_assessment" ? actor.agencyId : null,
        authorId: actor.id,
        advances: input.advances ?? null,
        results: input.results ?? null,
        narrative: input.narrative ?? "",
        narrativeLanguage: actor.locale,
        citations: { create: citations.map((evidenceId) => ({ evidenceId })) },
      },
      select: assessmentSelect,
    });
    await recordAudit(tx, actor, { action: "assessment.create", entityType: "Assessment", entityId: created.id, after: assessmentJson(created) });
    return assessmentJson(created);
  });
}

/** Saves the author's changes to a draft (or a returned assessment) in an open round, if nobody saved since they opened it. */
export async function updateAssessment(actor: Actor, rawId: string, raw: unknown) {
  const { id } = parseInput(z.object({ id: recordId }), { id: rawId });
  const input = parseInput(assessmentEditInput, raw);
  return db().$transaction(async (tx) => {
    const before = await writableByAuthor(tx, actor, id);
    const after = await advance(tx, id, input.version, editableStates, await draftChanges(tx, input, before, actor.locale));
    await recordAudit(tx, actor, { action: "assessment.update", entityType: "Assessment", entityId: id, before: assessmentJson(before.row), after: assessmentJson(after) });
    return assessmentJson(after);
  });
}

/**
 * Submits a complete assessment: both ratings, a narrative and at least one
 * piece of evidence that still stands. Changes sent with it (what the form
 * shows, saved or not) are saved first in the same transaction, so the
 * author submits what they see, or nothing is written.
 */
export async function submitAssessment(actor: Actor, rawId: string, raw: unknown) {
  const { id } = parseInput(z.object({ id: recordId }), { id: rawId });
  const input = parseInput(assessmentEditInput, raw);
  return db().$transaction(async (tx) => {
    const before = await writableByAuthor(tx, actor, id);
    const { row, pillarId, periodEnd } = before;
    const advances = input.advances === undefined ? row.advances : input.advances;
    const results = input.results === undefined ? row.results : input.results;
    const narrative = input.narrative ?? row.narrative;
    const cited = input.evidenceIds ?? row.citations.map((citation) => citation.evidenceId);
    const missing: FieldErrors = {};
    if (!advances) missing.advances = [{ code: "required" }];
    if (!results) missing.results = [{ code: "required" }];
    if (narrative.trim() === "") missing.narrative = [{ code: "required" }];
    if (cited.length === 0) missing.evidenceIds = [{ code: "citationRequired" }];
    else {
      const issues = await citationIssues(tx, cited, pillarId, periodEnd);
      if (issues.length > 0) missing.evidenceIds = issues;
    }
    if (Object.keys(missing).length > 0) throw new ValidationError(missing);
    const edited = hasDraftChanges(input);
    const after = await advance(tx, id, input.version, editableStates, {
      ...(edited ? await draftChanges(tx, input, before, actor.locale) : {}),
      state: "submitted",
      submittedAt: new Date(),
    });
    if (edited) {
      await recordAudit(tx, actor, { action: "assessment.update", entityType: "Assessment", entityId: id, before: assessmentJson(row), after: assessmentJson(after) });
    }
    await recordAudit(tx, actor, { action: "assessment.submit", entityType: "Assessment", entityId: id, before: { state: row.state }, after: { state: "submitted" } });
    await notifyAssessmentStep(tx, actor, id, "submitted");
    return assessmentJson(after);
  });
}

type DraftEdit = z.output<typeof assessmentEditInput>;

const hasDraftChanges = (input: DraftEdit) =>
  input.advances !== undefined || input.results !== undefined || input.narrative !== undefined || input.evidenceIds !== undefined;

/** The fields an edit sends, as a change of the row; the evidence it cites checked first. */
async function draftChanges(tx: Transaction, input: DraftEdit, before: { pillarId: string; periodEnd: Date }, authorLanguage: Locale): Promise<Prisma.AssessmentUpdateInput> {
  const citations = input.evidenceIds ? await checkCitations(tx, input.evidenceIds, before.pillarId, before.periodEnd) : null;
  return {
    ...(input.advances !== undefined ? { advances: input.advances } : {}),
    ...(input.results !== undefined ? { results: input.results } : {}),
    ...(input.narrative !== undefined ? { narrative: input.narrative, narrativeLanguage: authorLanguage } : {}),
    ...(citations ? { citations: { deleteMany: {}, create: citations.map((evidenceId) => ({ evidenceId })) } } : {}),
  };
}

/** A manager publishes a submitted assessment; from then on the database refuses any change to it. */
export async function publishAssessment(actor: Actor, rawId: string, raw: unknown) {
  ensure(actor, "assessment.decide");
  const { id } = parseInput(z.object({ id: recordId }), { id: rawId });
  const input = parseInput(assessmentStepInput, raw);
  return db().$transaction(async (tx) => {
    const row = await decidable(tx, actor, id);
    const after = await advance(tx, id, input.version, ["submitted"], { state: "published", publishedAt: new Date(), publishedBy: { connect: { id: actor.id } } });
    await recordAudit(tx, actor, { action: "assessment.publish", entityType: "Assessment", entityId: id, before: { state: row.state }, after: { state: "published" } });
    await notifyAssessmentStep(tx, actor, id, "published");
    return assessmentJson(after);
  });
}

/** A manager returns a submitted assessment to its author with a comment. */
export async function returnAssessment(actor: Actor, rawId: string, raw: unknown) {
  ensure(actor, "assessment.decide");
  const { id } = parseInput(z.object({ id: recordId }), { id: rawId });
  const input = parseInput(assessmentReturnInput, raw);
  return db().$transaction(async (tx) => {
    const row = await decidable(tx, actor, id);
    const after = await advance(tx, id, input.version, ["submitted"], { state: "returned", returnComment: input.comment, returnedBy: { connect: { id: actor.id } } });
    await recordAudit(tx, actor, {
      action: "assessment.return",
      entityType: "Assessment",
      entityId: id,
      before: { state: row.state },
      after: { state: "returned", comment: input.comment },
    });
    await notifyAssessmentStep(tx, actor, id, "returned");
    return assessmentJson(after);
  });
}

/**
 * Amends a published assessment: a new draft, the next edition, linked to the
 * one it replaces, which stays as it was. Only its author, in an open round,
 * and only once per version.
 */
export async function amendAssessment(actor: Actor, rawId: string) {
  const { id } = parseInput(z.object({ id: recordId }), { id: rawId });
  return db().$transaction(async (tx) => {
    const source = await tx.assessment.findFirst({
      where: { id, ...visibleAssessments(actor) },
      select: { ...assessmentSelect, amendedBy: { select: { id: true, state: true } } },
    });
    if (!source) throw new NotFoundError();
    if (!isWritingAuthor(actor, source)) throw new ForbiddenError(actor, writePermission(source.kind));
    if (source.state !== "published") throw new ConflictError("notPublished", { state: source.state });
    if (source.amendedBy) throw new ConflictError("alreadyAmended", source.amendedBy);
    const round = await lockRound(tx, source.roundId);
    if (!round || round.status === "closed") throw new ConflictError("roundClosed");
    const standing = await tx.evidence.findMany({
      where: { id: { in: source.citations.map((citation) => citation.evidenceId) }, retraction: null },
      select: { id: true },
    });
    const amendment = await tx.assessment.create({
      data: {
        roundId: source.roundId,
        pillarId: source.pillarId,
        commitmentId: source.commitmentId,
        kind: source.kind,
        agencyId: source.agencyId,
        authorId: actor.id,
        advances: source.advances,
        results: source.results,
        narrative: source.narrative,
        narrativeLanguage: source.narrativeLanguage,
        amendsId: source.id,
        edition: source.edition + 1,
        citations: { create: standing.map((evidence) => ({ evidenceId: evidence.id })) },
      },
      select: assessmentSelect,
    });
    await recordAudit(tx, actor, { action: "assessment.amend", entityType: "Assessment", entityId: amendment.id, after: { amends: source.id, edition: amendment.edition } });
    return assessmentJson(amendment);
  });
}

const assessmentSelect = {
  id: true,
  roundId: true,
  pillarId: true,
  commitmentId: true,
  kind: true,
  agencyId: true,
  authorId: true,
  advances: true,
  results: true,
  narrative: true,
  narrativeLanguage: true,
  state: true,
  returnComment: true,
  amendsId: true,
  edition: true,
  version: true,
  submittedAt: true,
  publishedAt: true,
  createdAt: true,
  updatedAt: true,
  citations: { select: { evidenceId: true }, orderBy: { evidenceId: "asc" } },
} as const satisfies Prisma.AssessmentSelect;

type AssessmentRow = Prisma.AssessmentGetPayload<{ select: typeof assessmentSelect }>;

/** An assessment as the API answers it. */
function assessmentJson(row: AssessmentRow) {
  const { citations, submittedAt, publishedAt, createdAt, updatedAt, ...fields } = row;
  return {
    ...fields,
    evidenceIds: citations.map((citation) => citation.evidenceId),
    submittedAt: submittedAt?.toISOString() ?? null,
    publishedAt: publishedAt?.toISOString() ?? null,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

/** The pillar and commitment an assessment is about, checked against the author's rights. */
async function resolveSubject(tx: Transaction, actor: Actor, input: z.output<typeof assessmentDraftInput>) {
  if (input.kind === "self_assessment") {
    const commitment = await tx.commitment.findFirst({
      where: { id: input.commitmentId, archivedAt: null },
      select: { id: true, pillarId: true, agencies: { select: { agencyId: true } } },
    });
    if (!commitment) throw new ValidationError({ commitmentId: [{ code: "unknownRecord" }] });
    if (input.pillarId && input.pillarId !== commitment.pillarId) throw new ValidationError({ pillarId: [{ code: "commitmentOutsidePillar" }] });
    if (!commitment.agencies.some((agency) => agency.agencyId === actor.agencyId)) throw new ForbiddenError(actor, "selfAssessment.write");
    return { pillarId: commitment.pillarId, commitmentId: commitment.id };
  }
  const pillar = await tx.pillar.findUnique({ where: { id: input.pillarId }, select: { id: true } });
  if (!pillar) throw new ValidationError({ pillarId: [{ code: "unknownRecord" }] });
  if (!input.commitmentId) return { pillarId: pillar.id, commitmentId: null };
  const commitment = await tx.commitment.findFirst({ where: { id: input.commitmentId, pillarId: pillar.id, archivedAt: null }, select: { id: true } });
  if (!commitment) throw new ValidationError({ commitmentId: [{ code: "commitmentOutsidePillar" }] });
  return { pillarId: pillar.id, commitmentId: commitment.id };
}

/**
 * What is wrong with citing these pieces of evidence: each must exist, be
 * about the assessed pillar, be published on or before the end of the
 * round's period (undated evidence counts from the day it was logged), and
 * not be retracted.
 */
async function citationIssues(tx: Transaction, ids: readonly string[], pillarId: string, periodEnd: Date): Promise<FieldIssue[]> {
  const wanted = [...new Set(ids)];
  const found = await tx.evidence.findMany({
    where: { id: { in: wanted } },
    select: { id: true, title: true, publishedOn: true, createdAt: true, retraction: { select: { id: true } }, commitment: { select: { pillarId: true } } },
  });
  const issues: FieldIssue[] = [];
  if (found.length < wanted.length) issues.push({ code: "unknownRecord" });
  for (const evidence of found) {
    const published = evidence.publishedOn ?? new Date(`${isoDate(evidence.createdAt)}T00:00:00Z`);
    if (evidence.commitment.pillarId !== pillarId) issues.push({ code: "citationOtherPillar", values: { title: evidence.title } });
    else if (published > periodEnd) issues.push({ code: evidence.publishedOn ? "citationAfterPeriod" : "citationLoggedAfterPeriod", values: { title: evidence.title } });
    else if (evidence.retraction) issues.push({ code: "citationRetracted", values: { title: evidence.title } });
  }
  return issues;
}

async function checkCitations(tx: Transaction, ids: readonly string[], pillarId: string, periodEnd: Date): Promise<string[]> {
  const issues = await citationIssues(tx, ids, pillarId, periodEnd);
  if (issues.length > 0) throw new ValidationError({ evidenceIds: issues });
  return [...new Set(ids)];
}

/** The assessment its author is about to change: theirs, still editable, in an open round. */
async function writableByAuthor(tx: Transaction, actor: Actor, id: string) {
  const row = await tx.assessment.findFirst({ where: { id, ...visibleAssessments(actor) }, select: assessmentSelect });
  if (!row) throw new NotFoundError();
  if (!isWritingAuthor(actor, row)) throw new ForbiddenError(actor, writePermission(row.kind));
  if (!editableStates.includes(row.state)) throw new ConflictError("notEditable", { state: row.state, version: row.version });
  const round = await lockRound(tx, row.roundId);
  if (!round || round.status === "closed") throw new ConflictError("roundClosed");
  return { row, pillarId: row.pillarId, periodEnd: round.periodEnd };
}

/** The submitted assessment a manager is about to decide on; never their own. */
async function decidable(tx: Transaction, actor: Actor, id: string) {
  const row = await tx.assessment.findFirst({ where: { id, ...visibleAssessments(actor) }, select: { authorId: true, state: true, version: true } });
  if (!row) throw new NotFoundError();
  if (row.authorId === actor.id) throw new ForbiddenError(actor, "assessment.decide");
  if (row.state !== "submitted") throw new ConflictError("notSubmitted", { state: row.state, version: row.version });
  return row;
}

/**
 * Writes a change if the assessment is still at the version the caller saw
 * and in one of the states the step starts from; otherwise ConflictError with
 * where it stands now.
 */
async function advance(tx: Transaction, id: string, version: number, from: readonly AssessmentState[], data: Prisma.AssessmentUpdateInput) {
  const changed = await tx.assessment.updateMany({ where: { id, version, state: { in: [...from] } }, data: { version: { increment: 1 } } });
  if (changed.count === 0) {
    const current = await tx.assessment.findUniqueOrThrow({ where: { id }, select: { state: true, version: true, updatedAt: true } });
    throw new ConflictError("stale", current);
  }
  return tx.assessment.update({ where: { id }, data, select: assessmentSelect });
}

// ---------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------

const listSelect = {
  id: true,
  kind: true,
  state: true,
  advances: true,
  results: true,
  edition: true,
  version: true,
  authorId: true,
  agencyId: true,
  amendsId: true,
  submittedAt: true,
  publishedAt: true,
  updatedAt: true,
  round: { select: { id: true, title: true, titleEs: true, status: true } },
  pillar: { select: { id: true, number: true, name: true, nameEs: true } },
  commitment: { select: { id: true, title: true, titleEs: true } },
  agency: { select: { name: true } },
  author: { select: { name: true } },
  amendedBy: { select: { id: true, state: true } },
} as const satisfies Prisma.AssessmentSelect;

/** The assessments the reader may see, filtered; newest round first, then pillar by pillar, newest version first. */
export async function listAssessments(actor: Actor, rawFilter: unknown) {
  ensure(actor, "plan.read");
  const filter = parseInput(assessmentFilter, rawFilter);
  return db().assessment.findMany({
    where: {
      AND: [
        visibleAssessments(actor),
        {
          ...(filter.round ? { roundId: filter.round } : {}),
          ...(filter.pillar ? { pillarId: filter.pillar } : {}),
          ...(filter.commitment ? { commitmentId: filter.commitment } : {}),
          ...(filter.state ? { state: filter.state } : {}),
          ...(filter.kind ? { kind: filter.kind } : {}),
          ...(filter.mine === "true" ? { authorId: actor.id } : {}),
        },
      ],
    },
    orderBy: [{ round: { periodEnd: "desc" } }, { pillar: { number: "asc" } }, { kind: "asc" }, { edition: "desc" }, { createdAt: "asc" }],
    select: listSelect,
  });
}

export type AssessmentListItem = Awaited<ReturnType<typeof listAssessments>>[number];

export const assessmentCsvColumns = [
  "id", "kind", "state", "advances", "results", "edition", "version", "roundId", "roundTitle", "roundTitleEs", "roundStatus",
  "pillarId", "pillarNumber", "pillarName", "pillarNameEs", "commitmentId", "commitmentTitle", "commitmentTitleEs", "agencyId", "agencyName",
  "authorId", "authorName", "amendsId", "amendedById", "amendedByState", "submittedAt", "publishedAt", "updatedAt",
] as const satisfies readonly CsvColumn<AssessmentListItem>[];

/**
 * One assessment as its page shows it: the verdict, the narrative with the
 * evidence it cites, every version of it, the self-assessment or independent
 * one beside it, and what the reader may do next.
 */
export async function getAssessment(actor: Actor, rawId: string) {
  ensure(actor, "plan.read");
  const { id } = parseInput(z.object({ id: recordId }), { id: rawId });
  const assessment = await db().assessment.findFirst({
    where: { id, ...visibleAssessments(actor) },
    select: {
      ...assessmentSelect,
      round: { select: { id: true, title: true, titleEs: true, status: true, periodStart: true, periodEnd: true } },
      pillar: { select: { id: true, number: true, name: true, nameEs: true } },
      commitment: { select: { id: true, title: true, titleEs: true } },
      agency: { select: { name: true } },
      author: { select: { name: true } },
      returnedBy: { select: { name: true } },
      publishedBy: { select: { name: true } },
      amendedBy: { select: { id: true, state: true } },
      citations: {
        orderBy: { evidence: { publishedOn: "desc" } },
        select: {
          evidenceId: true,
          evidence: {
            select: {
              id: true,
              title: true,
              kind: true,
              publisher: true,
              url: true,
              publishedOn: true,
              summary: true,
              language: true,
              shows: true,
              reliability: true,
              createdAt: true,
              retraction: { select: { reason: true } },
              milestone: { select: { id: true, title: true, titleEs: true } },
            },
          },
        },
      },
    },
  });
  if (!assessment) throw new NotFoundError();
  const [versions, beside] = await Promise.all([versionsOf(actor, assessment.id), counterparts(assessment)]);
  const roundOpen = assessment.round.status === "open";
  return {
    ...assessment,
    versions,
    beside: beside.map((other) => ({
      ...other,
      comparison: assessment.kind === "self_assessment" ? compareVerdicts(assessment, other) : compareVerdicts(other, assessment),
    })),
    mayEdit: mayEdit(actor, assessment, roundOpen),
    mayDecide: mayDecide(actor, assessment),
    mayAmend: mayAmend(actor, assessment, roundOpen),
  };
}

/** Every version of an assessment the reader may see, newest first: the chain of amendments through this one. */
async function versionsOf(actor: Actor, id: string) {
  // Read where the rows below are read (the replica, in a GET with one), so that no id comes without its row.
  const chain = await queryRows(idRow, readingDb())`
    WITH RECURSIVE earlier AS (
      SELECT id, "amendsId" FROM "Assessment" WHERE id = ${id}
      UNION SELECT a.id, a."amendsId" FROM "Assessment" a JOIN earlier ON a.id = earlier."amendsId"
    ), later AS (
      SELECT id FROM earlier WHERE "amendsId" IS NULL
      UNION SELECT a.id FROM "Assessment" a JOIN later ON a."amendsId" = later.id
    )
    SELECT id FROM later`;
  return db().assessment.findMany({
    where: { id: { in: chain.map((row) => row.id) }, ...visibleAssessments(actor) },
    orderBy: { edition: "desc" },
    select: { id: true, edition: true, state: true, publishedAt: true, createdAt: true },
  });
}

const verdictSelect = {
  id: true,
  kind: true,
  advances: true,
  results: true,
  publishedAt: true,
  commitmentId: true,
  pillarId: true,
  author: { select: { name: true } },
  agency: { select: { name: true } },
  commitment: { select: { id: true, title: true, titleEs: true } },
} as const satisfies Prisma.AssessmentSelect;

/**
 * The standing verdicts to show beside this one: for a self-assessment, the
 * independent assessment of its commitment in the round (or, failing that,
 * of its pillar); for an independent one, the self-assessments it covers.
 */
async function counterparts(assessment: { roundId: string; pillarId: string; commitmentId: string | null; kind: AssessmentKind }) {
  const inRound = { ...standingAssessments, roundId: assessment.roundId, pillarId: assessment.pillarId };
  if (assessment.kind === "independent") {
    return db().assessment.findMany({
      where: { ...inRound, kind: "self_assessment", ...(assessment.commitmentId ? { commitmentId: assessment.commitmentId } : {}) },
      orderBy: { publishedAt: "desc" },
      select: verdictSelect,
    });
  }
  const independent = await db().assessment.findMany({
    where: { ...inRound, kind: "independent", OR: [{ commitmentId: assessment.commitmentId }, { commitmentId: null }] },
    orderBy: { publishedAt: "desc" },
    select: verdictSelect,
  });
  const closest = independent.find((other) => other.commitmentId === assessment.commitmentId) ?? independent[0];
  return closest ? [closest] : [];
}

/**
 * Self-assessments side by side with the independent verdict on the same
 * commitment in the same round (or, failing that, on its pillar), standing
 * versions only, with the pairs two or more steps apart flagged: those of one
 * round, or those of one commitment across rounds.
 */
export async function selfAssessmentComparisons(actor: Actor, rawScope: unknown) {
  ensure(actor, "plan.read");
  const scope = parseInput(z.union([z.strictObject({ round: recordId }), z.strictObject({ commitment: recordId })]), rawScope);
  const pillarOfCommitment =
    "commitment" in scope ? (await db().commitment.findUnique({ where: { id: scope.commitment }, select: { pillarId: true } }))?.pillarId : undefined;
  if ("commitment" in scope && !pillarOfCommitment) throw new NotFoundError();
  const standing = await db().assessment.findMany({
    where: {
      ...standingAssessments,
      ...("round" in scope
        ? { roundId: scope.round }
        : { OR: [{ commitmentId: scope.commitment }, { pillarId: pillarOfCommitment, commitmentId: null, kind: "independent" }] }),
    },
    orderBy: [{ round: { periodEnd: "desc" } }, { pillar: { number: "asc" } }, { publishedAt: "desc" }],
    select: { ...verdictSelect, roundId: true, round: { select: { title: true, titleEs: true } }, pillar: { select: { number: true } } },
  });
  const independent = standing.filter((row) => row.kind === "independent");
  return standing
    .filter((row) => row.kind === "self_assessment")
    .map((self) => {
      const sameRound = independent.filter((other) => other.roundId === self.roundId && other.pillarId === self.pillarId);
      const match = sameRound.find((other) => other.commitmentId === self.commitmentId) ?? sameRound.find((other) => other.commitmentId === null);
      return { self, independent: match ?? null, comparison: match ? compareVerdicts(self, match) : null };
    });
}

/**
 * The evidence an assessment may cite: its pillar's, published by the end of
 * the round's period, not retracted; the ones it cites already come first.
 */
export async function citableEvidence(actor: Actor, rawId: string) {
  ensure(actor, "plan.read");
  const { id } = parseInput(z.object({ id: recordId }), { id: rawId });
  const assessment = await db().assessment.findFirst({
    where: { id, ...visibleAssessments(actor) },
    select: { pillarId: true, round: { select: { periodEnd: true } }, citations: { select: { evidenceId: true } } },
  });
  if (!assessment) throw new NotFoundError();
  const periodEnd = assessment.round.periodEnd;
  return db().evidence.findMany({
    where: {
      commitment: { pillarId: assessment.pillarId },
      retraction: null,
      OR: [{ publishedOn: { lte: periodEnd } }, { publishedOn: null, createdAt: { lt: new Date(periodEnd.getTime() + 86_400_000) } }],
    },
    orderBy: [{ publishedOn: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    select: { id: true, title: true, publisher: true, publishedOn: true, shows: true, reliability: true, commitment: { select: { title: true, titleEs: true } } },
  });
}

/** What the reader may start an assessment of in an open round: pillars and commitments for reviewers, their agency's commitments for staff. */
export async function assessmentSubjects(actor: Actor) {
  ensure(actor, "plan.read");
  const [pillars, ownCommitments] = await Promise.all([
    can(actor, "assessment.write")
      ? db().pillar.findMany({
          orderBy: { number: "asc" },
          select: { id: true, number: true, name: true, nameEs: true, commitments: { where: { archivedAt: null }, orderBy: { title: "asc" }, select: { id: true, title: true, titleEs: true } } },
        })
      : [],
    can(actor, "selfAssessment.write") && actor.agencyId
      ? db().commitment.findMany({
          where: { archivedAt: null, agencies: { some: { agencyId: actor.agencyId } } },
          orderBy: [{ pillar: { number: "asc" } }, { title: "asc" }],
          select: { id: true, title: true, titleEs: true, pillar: { select: { number: true } } },
        })
      : [],
  ]);
  return { pillars, ownCommitments };
}
