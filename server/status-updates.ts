import "server-only";
import { z } from "zod";
import { noteMaxLength } from "../domain/limits";
import { namesACause } from "../domain/milestone-status";
import { recordAudit } from "./audit";
import { exportBatchSize, keysetBatches } from "./batches";
import type { CsvColumn } from "./csv";
import { db, type Transaction } from "./db/client";
import { Prisma } from "./db/generated/client";
import { DelayCause, MilestoneStatus } from "./db/generated/enums";
import { column, queryCount, queryRows, rawRow } from "./db/raw-rows";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { notifyStatusUpdate } from "./notifications";
import { can, ensure, type Actor } from "./permissions";
import { blankToUndefined, dateOnly, isoDate, optionalCalendarDate, optionalPageNumber, optionalRecordId, optionalText, parseInput, recordId, todayIso, versionSeen } from "./validation";

/** A status update as the form and the API send it. */
export const statusUpdateInput = z
  .strictObject({
    status: z.enum(MilestoneStatus),
    note: z.string().trim().min(1).max(noteMaxLength),
    cause: z.preprocess(blankToUndefined, z.enum(DelayCause).optional()),
    completedOn: optionalCalendarDate,
    version: versionSeen,
  })
  .superRefine((input, context) => {
    const namesCause = namesACause(input.status);
    if (namesCause && !input.cause) context.addIssue({ code: "custom", path: ["cause"], message: "causeRequired" });
    if (!namesCause && input.cause) context.addIssue({ code: "custom", path: ["cause"], message: "causeNotAllowed" });
    if (input.status !== "completed" && input.completedOn) {
      context.addIssue({ code: "custom", path: ["completedOn"], message: "completedOnNotAllowed" });
    }
    if (input.completedOn && input.completedOn > todayIso()) {
      context.addIssue({ code: "custom", path: ["completedOn"], message: "dateInFuture" });
    }
  }, {
    // Checked even when the note or version is wrong too, so that every
    // field's problem is named in one answer.
    when: (payload) =>
      typeof payload.value === "object" && payload.value !== null && !payload.issues.some((issue) => ["status", "cause", "completedOn"].includes(String(issue.path?.[0]))),
  });

interface MilestoneAccess {
  ownerId: string | null;
  commitment: { agencies: { agencyId: string }[] };
}

/** The design's rule: staff update milestones they own or of their agency's commitments. */
export function mayUpdateStatus(actor: Actor, milestone: MilestoneAccess): boolean {
  if (!can(actor, "milestone.updateStatus")) return false;
  if (milestone.ownerId === actor.id) return true;
  return actor.agencyId !== null && milestone.commitment.agencies.some((agency) => agency.agencyId === actor.agencyId);
}

// What a status update needs of its milestone, read in one statement: a
// status update is the most frequent write, made while others read the
// figures, and each statement of its transaction is a round trip to wait for.
const statusUpdateTargetRow = rawRow("statusUpdateTarget", {
  status: column.milestoneStatus,
  ownerId: z.string().nullable(),
  title: z.string(),
  titleEs: z.string().nullable(),
  commitmentId: z.string(),
  pillarId: z.string(),
  archived: z.boolean(),
  agencyIds: z.array(z.string()),
});

/** The milestone's state now and the update that made it, shown to whoever lost a race. */
async function currentState(tx: Transaction, milestoneId: string) {
  const milestone = await tx.milestone.findUniqueOrThrow({
    where: { id: milestoneId },
    select: {
      status: true,
      version: true,
      statusUpdates: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { previousStatus: true, newStatus: true, note: true, cause: true, createdAt: true, author: { select: { name: true } } },
      },
    },
  });
  const [latest] = milestone.statusUpdates;
  return {
    status: milestone.status,
    version: milestone.version,
    latestUpdate: latest
      ? { previousStatus: latest.previousStatus, newStatus: latest.newStatus, note: latest.note, cause: latest.cause, author: latest.author.name, createdAt: latest.createdAt.toISOString() }
      : null,
  };
}

/**
 * Records a status update with its note. The write happens only if the
 * milestone is still at the version the author saw, in one transaction with
 * the history row and the audit event; otherwise ConflictError carries the
 * update that won.
 */
export async function updateMilestoneStatus(actor: Actor, milestoneId: string, raw: unknown) {
  ensure(actor, "milestone.updateStatus");
  const { id } = parseInput(z.object({ id: recordId }), { id: milestoneId });
  const input = parseInput(statusUpdateInput, raw);
  return db().$transaction(async (tx) => {
    const [milestone] = await queryRows(statusUpdateTargetRow, tx)`
      SELECT m.status, m."ownerId", m.title, m."titleEs", m."commitmentId", c."pillarId",
        m."archivedAt" IS NOT NULL OR c."archivedAt" IS NOT NULL AS archived,
        ARRAY(SELECT a."agencyId" FROM "CommitmentAgency" a WHERE a."commitmentId" = c.id) AS "agencyIds"
      FROM "Milestone" m JOIN "Commitment" c ON c.id = m."commitmentId"
      WHERE m.id = ${id}`;
    if (!milestone) throw new NotFoundError();
    const access = { ownerId: milestone.ownerId, commitment: { agencies: milestone.agencyIds.map((agencyId) => ({ agencyId })) } };
    if (!mayUpdateStatus(actor, access)) throw new ForbiddenError(actor, "milestone.updateStatus");
    if (milestone.archived) throw new ConflictError("archived");

    const completedOn = input.status === "completed" ? dateOnly(input.completedOn ?? todayIso()) : null;
    const changed = await tx.milestone.updateMany({
      where: { id, version: input.version },
      data: { status: input.status, completedOn, version: { increment: 1 } },
    });
    if (changed.count === 0) throw new ConflictError("stale", await currentState(tx, id));

    const statusUpdate = await tx.statusUpdate.create({
      data: {
        milestoneId: id,
        previousStatus: milestone.status,
        newStatus: input.status,
        note: input.note,
        noteLanguage: actor.locale,
        cause: input.cause ?? null,
        completedOn,
        authorId: actor.id,
      },
    });
    await recordAudit(tx, actor, {
      action: "milestone.status.update",
      entityType: "Milestone",
      entityId: id,
      before: { status: milestone.status, version: input.version },
      after: { status: input.status, version: input.version + 1, statusUpdateId: statusUpdate.id, cause: input.cause ?? null },
    });
    await notifyStatusUpdate(tx, actor, statusUpdate, milestone);
    return {
      milestone: { id, status: input.status, completedOn: isoDate(completedOn), version: input.version + 1 },
      statusUpdate: {
        id: statusUpdate.id,
        previousStatus: statusUpdate.previousStatus,
        newStatus: statusUpdate.newStatus,
        note: statusUpdate.note,
        noteLanguage: statusUpdate.noteLanguage,
        cause: statusUpdate.cause,
        completedOn: isoDate(statusUpdate.completedOn),
        createdAt: statusUpdate.createdAt.toISOString(),
      },
    };
  });
}

// ---------------------------------------------------------------------------
// The status history: every update, as a page (GET /api/v1/status-updates)
// or streamed in batches for a CSV export of any length.
// ---------------------------------------------------------------------------

export const statusUpdateFilter = z.object({
  pillar: optionalText(20),
  commitment: optionalRecordId,
  milestone: optionalRecordId,
  from: optionalCalendarDate,
  to: optionalCalendarDate,
  page: optionalPageNumber,
});

type StatusUpdateFilter = z.output<typeof statusUpdateFilter>;

const statusUpdatePageSize = 50;

const statusUpdateRow = rawRow("statusUpdate", {
  id: z.string(),
  milestoneId: z.string(),
  milestoneTitle: z.string(),
  milestoneTitleEs: z.string().nullable(),
  commitmentId: z.string(),
  commitmentTitle: z.string(),
  commitmentTitleEs: z.string().nullable(),
  pillarNumber: z.number().int(),
  pillarCode: z.string(),
  previousStatus: column.milestoneStatus,
  newStatus: column.milestoneStatus,
  cause: column.delayCause.nullable(),
  completedOn: z.date().nullable(),
  note: z.string(),
  noteLanguage: column.locale,
  authorName: z.string(),
  createdAt: z.date(),
});
type StatusUpdateRow = z.infer<typeof statusUpdateRow>;

function statusUpdateJson(row: StatusUpdateRow) {
  return {
    id: row.id,
    milestone: { id: row.milestoneId, title: row.milestoneTitle, titleEs: row.milestoneTitleEs },
    commitment: { id: row.commitmentId, title: row.commitmentTitle, titleEs: row.commitmentTitleEs },
    pillar: { number: row.pillarNumber, code: row.pillarCode },
    previousStatus: row.previousStatus,
    newStatus: row.newStatus,
    cause: row.cause,
    completedOn: isoDate(row.completedOn),
    note: row.note,
    noteLanguage: row.noteLanguage,
    author: { name: row.authorName },
    createdAt: row.createdAt.toISOString(),
  };
}

export type StatusUpdateListItem = ReturnType<typeof statusUpdateJson>;

export const statusUpdateCsvColumns = [
  "id", "milestoneId", "milestoneTitle", "milestoneTitleEs", "commitmentId", "commitmentTitle", "commitmentTitleEs", "pillarNumber", "pillarCode",
  "previousStatus", "newStatus", "cause", "completedOn", "note", "noteLanguage", "authorName", "createdAt",
] as const satisfies readonly CsvColumn<StatusUpdateListItem>[];

// `from` and `to` are whole UTC days of the update's time.
function statusUpdatesMatching(filter: StatusUpdateFilter): Prisma.Sql {
  const pillarNumber = filter.pillar && /^\d+$/.test(filter.pillar) ? Number(filter.pillar) : null;
  const pillarCode = filter.pillar && pillarNumber === null ? filter.pillar.toUpperCase() : null;
  return Prisma.sql`
    (${pillarNumber}::int IS NULL OR p.number = ${pillarNumber}::int)
    AND (${pillarCode}::text IS NULL OR p.code = ${pillarCode}::text)
    AND (${filter.commitment ?? null}::text IS NULL OR c.id = ${filter.commitment ?? null}::text)
    AND (${filter.milestone ?? null}::text IS NULL OR m.id = ${filter.milestone ?? null}::text)
    AND (${filter.from ?? null}::date IS NULL OR s."createdAt" >= (${filter.from ?? null}::date)::timestamp AT TIME ZONE 'UTC')
    AND (${filter.to ?? null}::date IS NULL OR s."createdAt" < (${filter.to ?? null}::date + 1)::timestamp AT TIME ZONE 'UTC')`;
}

const statusUpdateJoins = Prisma.sql`
  FROM "StatusUpdate" s
  JOIN "Milestone" m ON m.id = s."milestoneId"
  JOIN "Commitment" c ON c.id = m."commitmentId"
  JOIN "Pillar" p ON p.id = c."pillarId"
  JOIN "User" u ON u.id = s."authorId"`;

/** Newest first; `after` continues from a row (keyset), `offset` skips rows (pages). */
async function statusUpdateRows(filter: StatusUpdateFilter, { after, limit, offset = 0 }: { after?: StatusUpdateListItem; limit: number; offset?: number }) {
  const rows = await queryRows(statusUpdateRow)`
    SELECT s.id, m.id AS "milestoneId", m.title AS "milestoneTitle", m."titleEs" AS "milestoneTitleEs",
      c.id AS "commitmentId", c.title AS "commitmentTitle", c."titleEs" AS "commitmentTitleEs",
      p.number AS "pillarNumber", p.code AS "pillarCode", s."previousStatus", s."newStatus", s.cause, s."completedOn", s.note, s."noteLanguage",
      u.name AS "authorName", s."createdAt"
    ${statusUpdateJoins}
    WHERE ${statusUpdatesMatching(filter)}
      AND (${after?.id ?? null}::text IS NULL OR (s."createdAt", s.id) < (${after?.createdAt ?? null}::timestamptz, ${after?.id ?? null}::text))
    ORDER BY s."createdAt" DESC, s.id DESC
    LIMIT ${limit}::int OFFSET ${offset}::int`;
  return rows.map(statusUpdateJson);
}

/** One page of the status history of every milestone (archived ones too), newest first. */
export async function listStatusUpdates(actor: Actor, rawFilter: unknown, { pageSize = statusUpdatePageSize }: { pageSize?: number } = {}) {
  ensure(actor, "plan.read");
  const filter = parseInput(statusUpdateFilter, rawFilter);
  const page = filter.page ?? 1;
  const [total, items] = await Promise.all([
    queryCount`SELECT count(*)::int AS total ${statusUpdateJoins} WHERE ${statusUpdatesMatching(filter)}`,
    statusUpdateRows(filter, { limit: pageSize, offset: (page - 1) * pageSize }),
  ]);
  return { items, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/**
 * Every status update matching the filter (pages ignored), in the order of
 * listStatusUpdates, read in batches of `batchSize`. The actor and the filter
 * are checked at once, before the first row is asked for.
 */
export function streamStatusUpdates(actor: Actor, rawFilter: unknown, { batchSize = exportBatchSize }: { batchSize?: number } = {}): AsyncIterable<StatusUpdateListItem> {
  ensure(actor, "plan.read");
  const filter = parseInput(statusUpdateFilter, rawFilter);
  return keysetBatches((after) => statusUpdateRows(filter, { after, limit: batchSize }), batchSize);
}
