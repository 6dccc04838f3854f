import "server-only";
import { z } from "zod";
import { urgencyDays } from "../domain/limits";
import { closedStatuses, dueFlag } from "../domain/milestone-status";
import { Prisma } from "./db/generated/client";
import { asOfFilter, endOf, statusesAsOf } from "./as-of";
import { recordAudit } from "./audit";
import { setArchived } from "./commitments";
import { mayLogEvidenceOn } from "./evidence";
import type { CsvColumn } from "./csv";
import { db, type Transaction } from "./db/client";
import { column, queryRows, rawRow } from "./db/raw-rows";
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from "./errors";
import { ensure, type Actor } from "./permissions";
import { pillarMatches } from "./pillars";
import { MilestoneStatus } from "./db/generated/enums";
import { mayUpdateStatus } from "./status-updates";
import { blankToUndefined, calendarDate, dateOnly, isoDate, optionalRecordId, parseInput, recordId, spanishVersion, todayIso, versionSeen } from "./validation";

/** One milestone with its commitment, pillar, evidence and full history, newest first, flagged overdue or due soon on `today`. */
export async function getMilestone(actor: Actor, id: string, today: string = todayIso()) {
  ensure(actor, "plan.read");
  const milestone = await db().milestone.findUnique({
    where: { id },
    include: {
      owner: { select: { name: true } },
      commitment: {
        select: {
          id: true,
          title: true, titleEs: true,
          archivedAt: true,
          pillar: { select: { number: true, code: true, name: true, nameEs: true } },
          agencies: { select: { agencyId: true } },
        },
      },
      statusUpdates: {
        orderBy: { createdAt: "desc" },
        include: { author: { select: { name: true } } },
      },
      evidence: {
        orderBy: { publishedOn: "desc" },
        include: { retraction: { select: { reason: true } } },
      },
    },
  });
  if (!milestone) throw new NotFoundError();
  const live = milestone.archivedAt === null && milestone.commitment.archivedAt === null;
  return { ...milestone, dueFlag: dueFlag(isoDate(milestone.dueDate), milestone.status, today),
    mayUpdateStatus: live && mayUpdateStatus(actor, milestone),
    mayLogEvidence: live && mayLogEvidenceOn(actor, milestone),
  };
}

/**
 * A milestone as it stood at the end of the day `asOf` (today when not
 * given): the status it had then (and the completion day that update gave),
 * flagged overdue or due soon on that day, with its whole history, each
 * update marked when it was made after the day.
 */
export async function milestoneAsOf(actor: Actor, id: string, rawFilter: unknown) {
  ensure(actor, "plan.read");
  const { asOf = todayIso() } = parseInput(asOfFilter, rawFilter);
  const milestone = await getMilestone(actor, id, asOf);
  const then = (await statusesAsOf([milestone.id], asOf)).get(milestone.id) ?? { status: milestone.status, completedOn: milestone.completedOn };
  const end = endOf(asOf);
  return {
    asOf,
    milestone: {
      ...milestone,
      ...then,
      dueFlag: dueFlag(isoDate(milestone.dueDate), then.status, asOf),
      statusUpdates: milestone.statusUpdates.map((update) => ({ ...update, afterTheDay: update.createdAt >= end })),
    },
  };
}

// ---------------------------------------------------------------------------
// Keeping the plan: admins create, edit, archive and restore milestones.
// Status is never set here: it changes only through a status update.
// ---------------------------------------------------------------------------

export const milestoneInput = z.strictObject({
  commitmentId: recordId,
  title: z.string().trim().min(1).max(300),
  titleEs: spanishVersion(300),
  description: z.string().trim().max(5000).default(""),
  descriptionEs: spanishVersion(5000),
  dueDate: calendarDate,
  ownerId: optionalRecordId,
});

export type MilestoneInput = z.output<typeof milestoneInput>;

export const milestoneUpdateInput = milestoneInput.extend({ version: versionSeen });

async function checkMilestoneReferences(tx: Transaction, input: MilestoneInput): Promise<void> {
  const fieldErrors: FieldErrors = {};
  if (!(await tx.commitment.findFirst({ where: { id: input.commitmentId, archivedAt: null }, select: { id: true } }))) {
    fieldErrors.commitmentId = [{ code: "unknownRecord" }];
  }
  if (input.ownerId && !(await tx.user.findFirst({ where: { id: input.ownerId, active: true }, select: { id: true } }))) {
    fieldErrors.ownerId = [{ code: "unknownRecord" }];
  }
  if (Object.keys(fieldErrors).length > 0) throw new ValidationError(fieldErrors);
}

function milestoneData(input: MilestoneInput) {
  return {
    commitmentId: input.commitmentId,
    title: input.title,
    titleEs: input.titleEs,
    description: input.description,
    descriptionEs: input.descriptionEs,
    dueDate: dateOnly(input.dueDate),
    ownerId: input.ownerId ?? null,
  };
}

/** Creates a milestone inside a caller's transaction (the CSV import uses it). */
export async function insertMilestone(tx: Transaction, actor: Actor, input: MilestoneInput) {
  ensure(actor, "plan.manage");
  await checkMilestoneReferences(tx, input);
  const created = await tx.milestone.create({ data: milestoneData(input) });
  await recordAudit(tx, actor, { action: "milestone.create", entityType: "Milestone", entityId: created.id, after: input });
  return created;
}

export async function createMilestone(actor: Actor, raw: unknown) {
  ensure(actor, "plan.manage");
  const input = parseInput(milestoneInput, raw);
  return db().$transaction((tx) => insertMilestone(tx, actor, input));
}

export async function updateMilestone(actor: Actor, rawId: string, raw: unknown) {
  ensure(actor, "plan.manage");
  const { id } = parseInput(z.object({ id: recordId }), { id: rawId });
  const { version, ...input } = parseInput(milestoneUpdateInput, raw);
  return db().$transaction(async (tx) => {
    const before = await tx.milestone.findUnique({ where: { id } });
    if (!before) throw new NotFoundError();
    await checkMilestoneReferences(tx, input);
    const changed = await tx.milestone.updateMany({ where: { id, version }, data: { ...milestoneData(input), version: { increment: 1 } } });
    if (changed.count === 0) throw new ConflictError("stale", { version: before.version });
    await recordAudit(tx, actor, { action: "milestone.update", entityType: "Milestone", entityId: id, before, after: input });
    return tx.milestone.findUniqueOrThrow({ where: { id } });
  });
}

/** Archives (archive = true) or restores a milestone; its history stays. */
export async function setMilestoneArchived(actor: Actor, rawId: string, archive: boolean, raw: unknown) {
  return setArchived(actor, "Milestone", rawId, archive, raw);
}

// ---------------------------------------------------------------------------
// Lists: "my milestones" for staff and GET /api/v1/milestones.
// ---------------------------------------------------------------------------

export const urgencies = ["overdue", "due_soon", "stale", "rest"] as const;
type Urgency = (typeof urgencies)[number];

export const milestoneFilter = z.object({
  pillar: z.string().trim().max(20).optional(),
  commitment: z.preprocess(blankToUndefined, recordId.optional()),
  status: z.preprocess(blankToUndefined, z.enum(MilestoneStatus).optional()),
  urgency: z.preprocess(blankToUndefined, z.enum(urgencies).optional()),
  // Overdue for more than this many days: the managers' escalations.
  overdueDays: z.preprocess(
    (value) => (value === "" ? undefined : typeof value === "string" && /^\d{1,4}$/.test(value.trim()) ? Number(value) : value),
    z.number().int().min(0).max(9999).optional(),
  ),
  mine: z.enum(["true", "false"]).optional(),
});

type MilestoneFilter = z.output<typeof milestoneFilter>;

export interface MilestoneListItem {
  id: string;
  title: string;
  titleEs: string | null;
  dueDate: string;
  status: MilestoneStatus;
  version: number;
  owner: { id: string; name: string } | null;
  commitment: { id: string; title: string; titleEs: string | null };
  pillar: { number: number; code: string; name: string; nameEs: string | null };
  lastUpdateAt: string | null;
  urgency: Urgency;
  /** Not completed nor cancelled, and due before today. */
  overdue: boolean;
}

export const milestoneCsvColumns = [
  "id", "title", "titleEs", "dueDate", "status", "version", "ownerId", "ownerName", "commitmentId", "commitmentTitle", "commitmentTitleEs",
  "pillarNumber", "pillarCode", "pillarName", "pillarNameEs", "lastUpdateAt", "urgency", "overdue",
] as const satisfies readonly CsvColumn<MilestoneListItem>[];

const milestoneRow = rawRow("milestone", {
  id: z.string(),
  title: z.string(),
  titleEs: z.string().nullable(),
  dueDate: z.date(),
  status: column.milestoneStatus,
  version: z.number().int(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  commitmentId: z.string(),
  commitmentTitle: z.string(),
  commitmentTitleEs: z.string().nullable(),
  pillarNumber: z.number().int(),
  pillarCode: z.string(),
  pillarName: z.string(),
  pillarNameEs: z.string().nullable(),
  lastUpdateAt: z.date().nullable(),
  urgency: z.enum(urgencies),
});

/**
 * The live milestones a filter keeps, each with its urgency, as a query whose
 * rows have the columns of `milestoneRow`: the list below and the worklist's
 * counts (server/worklist.ts) read the same rows, so a count and the list it
 * links to always agree. Urgency: overdue; due within urgencyDays.dueSoon; stale (no
 * status update for urgencyDays.stale); the rest — completed and cancelled
 * milestones always with the rest. `mine` keeps those the actor owns or that
 * belong to their agency's commitments.
 */
/**
 * A milestone's last status update, as a scalar subquery rather than a
 * lateral join: PostgreSQL runs it only where it is read — a CASE branch that
 * is reached, a column the outer query keeps — so counting the overdue does
 * not visit every milestone's history.
 */
const lastUpdateOf = Prisma.sql`(SELECT max(s."createdAt") FROM "StatusUpdate" s WHERE s."milestoneId" = m.id)`;

export function milestonesMatching(actor: Actor, filter: MilestoneFilter, today: string): Prisma.Sql {
  const mine = filter.mine === "true";
  return Prisma.sql`
    SELECT * FROM (
      SELECT m.id, m.title, m."titleEs", m."dueDate", m.status, m.version, m."ownerId", u.name AS "ownerName",
        c.id AS "commitmentId", c.title AS "commitmentTitle", c."titleEs" AS "commitmentTitleEs",
        p.number AS "pillarNumber", p.code AS "pillarCode", p.name AS "pillarName", p."nameEs" AS "pillarNameEs",
        ${lastUpdateOf} AS "lastUpdateAt",
        CASE
          WHEN m.status = ANY(${closedStatuses}::"MilestoneStatus"[]) THEN 'rest'
          WHEN m."dueDate" < ${today}::date THEN 'overdue'
          WHEN m."dueDate" <= ${today}::date + ${urgencyDays.dueSoon}::int THEN 'due_soon'
          WHEN COALESCE(${lastUpdateOf}, m."createdAt") < ${today}::date - ${urgencyDays.stale}::int THEN 'stale'
          ELSE 'rest'
        END AS urgency
      FROM "Milestone" m
      JOIN "Commitment" c ON c.id = m."commitmentId"
      JOIN "Pillar" p ON p.id = c."pillarId"
      LEFT JOIN "User" u ON u.id = m."ownerId"
      WHERE m."archivedAt" IS NULL AND c."archivedAt" IS NULL
        AND (${mine} = false OR m."ownerId" = ${actor.id}
             OR EXISTS (SELECT 1 FROM "CommitmentAgency" ca WHERE ca."commitmentId" = c.id AND ca."agencyId" = ${actor.agencyId}))
        AND ${pillarMatches(filter.pillar)}
        AND (${filter.commitment ?? null}::text IS NULL OR c.id = ${filter.commitment ?? null}::text)
        AND (${filter.status ?? null}::text IS NULL OR m.status::text = ${filter.status ?? null}::text)
    ) listed
    WHERE (${filter.urgency ?? null}::text IS NULL OR urgency = ${filter.urgency ?? null}::text)
      AND (${filter.overdueDays ?? null}::int IS NULL OR (urgency = 'overdue' AND "dueDate" < ${today}::date - ${filter.overdueDays ?? null}::int))`;
}

/** Live milestones with their urgency (milestonesMatching), most urgent first. */
export async function listMilestones(actor: Actor, rawFilter: unknown, today: string = todayIso()): Promise<MilestoneListItem[]> {
  ensure(actor, "plan.read");
  const filter = parseInput(milestoneFilter, rawFilter);
  const rows = await queryRows(milestoneRow)`
    ${milestonesMatching(actor, filter, today)}
    ORDER BY array_position(${urgencies}::text[], urgency), "dueDate", title`;
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    titleEs: row.titleEs,
    dueDate: isoDate(row.dueDate),
    status: row.status,
    version: row.version,
    owner: row.ownerId ? { id: row.ownerId, name: row.ownerName ?? "" } : null,
    commitment: { id: row.commitmentId, title: row.commitmentTitle, titleEs: row.commitmentTitleEs },
    pillar: { number: row.pillarNumber, code: row.pillarCode, name: row.pillarName, nameEs: row.pillarNameEs },
    lastUpdateAt: row.lastUpdateAt?.toISOString() ?? null,
    urgency: row.urgency,
    overdue: row.urgency === "overdue",
  }));
}

/** A milestone as the API shows it, with its history newest first. */
export async function getMilestoneForApi(actor: Actor, rawId: string, today: string = todayIso()) {
  const { id } = parseInput(z.object({ id: recordId }), { id: rawId });
  const milestone = await getMilestone(actor, id, today);
  return {
    id: milestone.id,
    title: milestone.title,
    titleEs: milestone.titleEs,
    description: milestone.description,
    descriptionEs: milestone.descriptionEs,
    dueDate: isoDate(milestone.dueDate),
    status: milestone.status,
    completedOn: isoDate(milestone.completedOn),
    overdue: milestone.dueFlag === "overdue",
    dueSoon: milestone.dueFlag === "due_soon",
    version: milestone.version,
    archived: milestone.archivedAt !== null,
    owner: milestone.owner ? { name: milestone.owner.name } : null,
    commitment: { id: milestone.commitment.id, title: milestone.commitment.title },
    pillar: milestone.commitment.pillar,
    mayUpdateStatus: milestone.mayUpdateStatus,
    history: milestone.statusUpdates.map((update) => ({
      id: update.id,
      previousStatus: update.previousStatus,
      newStatus: update.newStatus,
      note: update.note,
      noteLanguage: update.noteLanguage,
      cause: update.cause,
      completedOn: isoDate(update.completedOn),
      author: update.author.name,
      createdAt: update.createdAt.toISOString(),
    })),
  };
}
