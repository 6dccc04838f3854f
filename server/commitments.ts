import "server-only";
import { z } from "zod";
import { asOfFilter, endOf, existedAt, statusesAsOf } from "./as-of";
import { recordAudit } from "./audit";
import type { CsvColumn } from "./csv";
import { db, type Transaction } from "./db/client";
import type { Prisma } from "./db/generated/client";
import { LeadParty } from "./db/generated/enums";
import { column, queryRows, rawRow } from "./db/raw-rows";
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from "./errors";
import { ensure, type Actor } from "./permissions";
import { fillStatusCounts, pillarMatches, type StatusCounts } from "./pillars";
import { dateOnly, isoDate, optionalCalendarDate, optionalRecordId, parseInput, recordId, spanishVersion, todayIso, versionSeen } from "./validation";

/** `?pillar=` takes a pillar number (1–5) or its code (P1, DR…). */
export const commitmentFilter = z.object({
  pillar: z.string().trim().max(20).optional(),
});

export interface CommitmentSummary {
  id: string;
  title: string;
  titleEs: string | null;
  leadParty: LeadParty;
  startDate: string | null;
  targetDate: string | null;
  pillar: { id: string; number: number; code: string; name: string; nameEs: string | null };
  agencies: { code: string; name: string }[];
  milestoneCount: number;
  milestonesByStatus: StatusCounts;
}

export const commitmentCsvColumns = [
  "id", "title", "titleEs", "leadParty", "startDate", "targetDate", "pillarId", "pillarNumber", "pillarCode", "pillarName", "pillarNameEs",
  "agenciesCode", "agenciesName", "milestoneCount", "milestonesByStatusNotStarted", "milestonesByStatusInProgress",
  "milestonesByStatusAtRisk", "milestonesByStatusDelayed", "milestonesByStatusCompleted", "milestonesByStatusCancelled",
] as const satisfies readonly CsvColumn<CommitmentSummary>[];

const commitmentRow = rawRow("commitment", {
  id: z.string(),
  title: z.string(),
  titleEs: z.string().nullable(),
  leadParty: z.enum(LeadParty),
  startDate: z.date().nullable(),
  targetDate: z.date().nullable(),
  pillarId: z.string(),
  pillarNumber: z.number().int(),
  pillarCode: z.string(),
  pillarName: z.string(),
  pillarNameEs: z.string().nullable(),
  agencies: z.array(z.strictObject({ code: z.string(), name: z.string() })),
  milestoneCount: z.number().int(),
  byStatus: column.statusCounts.nullable(),
});

export async function listCommitments(actor: Actor, rawFilter: unknown): Promise<CommitmentSummary[]> {
  ensure(actor, "plan.read");
  const { pillar } = parseInput(commitmentFilter, rawFilter);
  const rows = await queryRows(commitmentRow)`
    SELECT c.id, c.title, c."titleEs", c."leadParty", c."startDate", c."targetDate",
      p.id AS "pillarId", p.number AS "pillarNumber", p.code AS "pillarCode", p.name AS "pillarName", p."nameEs" AS "pillarNameEs",
      COALESCE((SELECT jsonb_agg(jsonb_build_object('code', a.code, 'name', a.name) ORDER BY a.code)
                FROM "CommitmentAgency" ca JOIN "Agency" a ON a.id = ca."agencyId"
                WHERE ca."commitmentId" = c.id), '[]'::jsonb) AS agencies,
      (SELECT count(*)::int FROM "Milestone" m WHERE m."commitmentId" = c.id AND m."archivedAt" IS NULL) AS "milestoneCount",
      (SELECT jsonb_object_agg(s.status, s.n) FROM (
         SELECT m.status, count(*)::int AS n FROM "Milestone" m
         WHERE m."commitmentId" = c.id AND m."archivedAt" IS NULL GROUP BY m.status) s) AS "byStatus"
    FROM "Commitment" c
    JOIN "Pillar" p ON p.id = c."pillarId"
    WHERE c."archivedAt" IS NULL
      AND ${pillarMatches(pillar)}
    ORDER BY p.number, c.title`;
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    titleEs: row.titleEs,
    leadParty: row.leadParty,
    startDate: isoDate(row.startDate),
    targetDate: isoDate(row.targetDate),
    pillar: { id: row.pillarId, number: row.pillarNumber, code: row.pillarCode, name: row.pillarName, nameEs: row.pillarNameEs },
    agencies: row.agencies,
    milestoneCount: row.milestoneCount,
    milestonesByStatus: fillStatusCounts(row.byStatus),
  }));
}

/** One commitment with its pillar, agencies, live milestones and evidence. */
export async function getCommitment(actor: Actor, id: string) {
  ensure(actor, "plan.read");
  return readCommitment(id, { archivedAt: null });
}

/**
 * A commitment as it stood at the end of the day `asOf` (today when not
 * given): the milestones that existed then, each with the status it had then,
 * as the pillar drilled into on that day lists them.
 */
export async function commitmentAsOf(actor: Actor, id: string, rawFilter: unknown) {
  ensure(actor, "plan.read");
  const { asOf = todayIso() } = parseInput(asOfFilter, rawFilter);
  const commitment = await readCommitment(id, existedAt(endOf(asOf)));
  const statusOf = await statusesAsOf(commitment.milestones.map((milestone) => milestone.id), asOf);
  return {
    asOf,
    commitment: {
      ...commitment,
      milestones: commitment.milestones.map((milestone) => ({ ...milestone, status: statusOf.get(milestone.id)?.status ?? milestone.status })),
    },
  };
}

async function readCommitment(id: string, milestonesWhere: Prisma.MilestoneWhereInput) {
  const commitment = await db().commitment.findUnique({
    where: { id },
    include: {
      pillar: { select: { number: true, code: true, name: true, nameEs: true } },
      owner: { select: { name: true } },
      agencies: { include: { agency: { select: { code: true, name: true } } } },
      milestones: {
        where: milestonesWhere,
        orderBy: { dueDate: "asc" },
        include: { owner: { select: { name: true } } },
      },
      evidence: {
        orderBy: { publishedOn: "desc" },
        include: { retraction: { select: { reason: true, createdAt: true } }, milestone: { select: { id: true, title: true, titleEs: true } } },
      },
    },
  });
  if (!commitment) throw new NotFoundError();
  return commitment;
}

// ---------------------------------------------------------------------------
// Keeping the plan: admins create, edit, archive and restore commitments.
// ---------------------------------------------------------------------------

const commitmentFields = z.strictObject({
  pillarId: recordId,
  title: z.string().trim().min(1).max(300),
  titleEs: spanishVersion(300),
  description: z.string().trim().max(5000).default(""),
  descriptionEs: spanishVersion(5000),
  leadParty: z.enum(["us", "mx", "joint"]),
  agencyIds: z.preprocess((value) => (typeof value === "string" ? [value] : value), z.array(recordId).max(50)).default([]),
  startDate: optionalCalendarDate,
  targetDate: optionalCalendarDate,
  sourceCitation: z.string().trim().max(1000).default(""),
  ownerId: optionalRecordId,
});

// The rule across two fields, for the new commitment and the edited one alike.
const targetNotBeforeStart = (input: { startDate?: string; targetDate?: string }) => !input.startDate || !input.targetDate || input.targetDate >= input.startDate;
const targetBeforeStart = { path: ["targetDate"], message: "targetBeforeStart" };

export const commitmentInput = commitmentFields.refine(targetNotBeforeStart, targetBeforeStart);

export type CommitmentInput = z.output<typeof commitmentInput>;

export const commitmentUpdateInput = commitmentFields.extend({ version: versionSeen }).refine(targetNotBeforeStart, targetBeforeStart);
export const archiveInput = z.strictObject({ version: versionSeen });

/** Checks that the records an input refers to exist, as field errors. */
async function checkCommitmentReferences(tx: Transaction, input: CommitmentInput): Promise<void> {
  const fieldErrors: FieldErrors = {};
  if (!(await tx.pillar.findUnique({ where: { id: input.pillarId }, select: { id: true } }))) fieldErrors.pillarId = [{ code: "unknownRecord" }];
  const agencies = await tx.agency.count({ where: { id: { in: input.agencyIds } } });
  if (agencies !== new Set(input.agencyIds).size) fieldErrors.agencyIds = [{ code: "unknownRecord" }];
  if (input.ownerId && !(await tx.user.findFirst({ where: { id: input.ownerId, active: true }, select: { id: true } }))) {
    fieldErrors.ownerId = [{ code: "unknownRecord" }];
  }
  if (Object.keys(fieldErrors).length > 0) throw new ValidationError(fieldErrors);
}

function commitmentData(input: CommitmentInput) {
  return {
    pillarId: input.pillarId,
    title: input.title,
    titleEs: input.titleEs,
    description: input.description,
    descriptionEs: input.descriptionEs,
    leadParty: input.leadParty,
    startDate: input.startDate ? dateOnly(input.startDate) : null,
    targetDate: input.targetDate ? dateOnly(input.targetDate) : null,
    sourceCitation: input.sourceCitation,
    ownerId: input.ownerId ?? null,
  };
}

/** Creates a commitment inside a caller's transaction (the CSV import uses it). */
export async function insertCommitment(tx: Transaction, actor: Actor, input: CommitmentInput) {
  ensure(actor, "plan.manage");
  await checkCommitmentReferences(tx, input);
  const created = await tx.commitment.create({
    data: { ...commitmentData(input), agencies: { create: [...new Set(input.agencyIds)].map((agencyId) => ({ agencyId })) } },
  });
  await recordAudit(tx, actor, { action: "commitment.create", entityType: "Commitment", entityId: created.id, after: { ...input } });
  return created;
}

export async function createCommitment(actor: Actor, raw: unknown) {
  ensure(actor, "plan.manage");
  const input = parseInput(commitmentInput, raw);
  return db().$transaction((tx) => insertCommitment(tx, actor, input));
}

export async function updateCommitment(actor: Actor, rawId: string, raw: unknown) {
  ensure(actor, "plan.manage");
  const { id } = parseInput(z.object({ id: recordId }), { id: rawId });
  const { version, ...input } = parseInput(commitmentUpdateInput, raw);
  return db().$transaction(async (tx) => {
    const before = await tx.commitment.findUnique({ where: { id }, include: { agencies: { select: { agencyId: true } } } });
    if (!before) throw new NotFoundError();
    await checkCommitmentReferences(tx, input);
    const changed = await tx.commitment.updateMany({ where: { id, version }, data: { ...commitmentData(input), version: { increment: 1 } } });
    if (changed.count === 0) throw new ConflictError("stale", { version: before.version });
    await tx.commitmentAgency.deleteMany({ where: { commitmentId: id } });
    await tx.commitmentAgency.createMany({ data: [...new Set(input.agencyIds)].map((agencyId) => ({ commitmentId: id, agencyId })) });
    await recordAudit(tx, actor, {
      action: "commitment.update",
      entityType: "Commitment",
      entityId: id,
      before: { ...withoutAgencies(before), agencyIds: before.agencies.map((a) => a.agencyId) },
      after: input,
    });
    return tx.commitment.findUniqueOrThrow({ where: { id } });
  });
}

function withoutAgencies<T extends { agencies: unknown }>({ agencies: _agencies, ...rest }: T): Omit<T, "agencies"> {
  return rest;
}

/** Archives (archive = true) or restores a commitment; nothing with history is ever deleted. */
export async function setCommitmentArchived(actor: Actor, rawId: string, archive: boolean, raw: unknown) {
  return setArchived(actor, "Commitment", rawId, archive, raw);
}

/**
 * Archives (archive = true) or restores a commitment or a milestone, with its
 * audit event (`commitment.archive`, `milestone.restore`…).
 */
export async function setArchived(actor: Actor, entityType: "Commitment" | "Milestone", rawId: string, archive: boolean, raw: unknown) {
  ensure(actor, "plan.manage");
  const { id } = parseInput(z.object({ id: recordId }), { id: rawId });
  const { version } = parseInput(archiveInput, raw);
  return db().$transaction(async (tx) => {
    // Both tables archive with the same two columns; the cast only names the milestones' table by the commitments' type.
    const records = entityType === "Commitment" ? tx.commitment : (tx.milestone as unknown as Transaction["commitment"]);
    const before = await records.findUnique({ where: { id }, select: { archivedAt: true, version: true } });
    if (!before) throw new NotFoundError();
    const archivedAt = archive ? new Date() : null;
    const changed = await records.updateMany({ where: { id, version }, data: { archivedAt, version: { increment: 1 } } });
    if (changed.count === 0) throw new ConflictError("stale", { version: before.version });
    await recordAudit(tx, actor, {
      action: `${entityType.toLowerCase()}.${archive ? "archive" : "restore"}`,
      entityType,
      entityId: id,
      before: { archivedAt: before.archivedAt },
      after: { archivedAt },
    });
  });
}
