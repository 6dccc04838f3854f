import "server-only";
import { z } from "zod";
import { db, type Transaction } from "./db/client";
import { Prisma } from "./db/generated/client";
import { AssessmentState, Locale, NotificationDelivery, NotificationKind, type Role } from "./db/generated/enums";
import { queryCount, queryRows, rawRow } from "./db/raw-rows";
import { queueEmailsAtOnce } from "./email/notification-emails";
import { NotFoundError } from "./errors";
import { followersOf } from "./follows";
import { deliverySql } from "./notification-preferences";
import type { NotificationValues } from "./notification-text";
import { ensure, rolesWith, type Actor } from "./permissions";
import { blankToUndefined, optionalPageNumber, parseInput, recordId } from "./validation";

// The notification ledger. Every notification is made by one INSERT … SELECT
// of its recipients with ON CONFLICT DO NOTHING on the unique key (recipient,
// kind, record, period): the ledger, not a process's memory, decides that it
// exists once, however many app instances and workers compute it. Events are
// written inside the transaction of the change that causes them, so a change
// rolled back notifies no one.

interface NotificationEvent {
  kind: NotificationKind;
  recordType: string;
  recordId: string;
  /** Tells apart the occasions of one record (a due date, an assessment's version). */
  period?: string;
  values: NotificationValues;
  link: string;
  /** A SELECT of the recipients' ids, as column `id`. */
  recipients: Prisma.Sql;
  /** Whoever caused the event is not told of it. */
  causedBy?: string | null;
}

const addedRow = rawRow("addedNotification", {
  recipientId: z.string(),
  name: z.string(),
  locale: z.enum(Locale),
  delivery: z.enum(NotificationDelivery),
  kind: z.enum(NotificationKind),
  recordId: z.string(),
  period: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])),
  link: z.string(),
});

/**
 * SQL: whether the person `userId` (a column) wants notifications of `kind`
 * at all; one who turned the kind off gets no inbox row either.
 */
export function wantsKind(userId: Prisma.Sql, kind: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${deliverySql(userId, kind)} <> 'off'`;
}

/**
 * Runs `insert` (an INSERT INTO "Notification" … SELECT, without its ON
 * CONFLICT) through the ledger: the rows already there are skipped, and each
 * row added whose recipient gets its kind by email has its email at once
 * queued in the same transaction. Answers how many it added.
 */
export async function addNotifications(tx: Transaction, insert: Prisma.Sql): Promise<number> {
  const added = await queryRows(addedRow, tx)`
    WITH added AS (
      ${insert}
      ON CONFLICT DO NOTHING
      RETURNING "recipientId", kind, "recordId", period, "values", link
    )
    SELECT a."recipientId", u.name, u.locale::text AS locale, ${deliverySql(Prisma.sql`u.id`, Prisma.sql`a.kind`)}::text AS delivery,
      a.kind::text AS kind, a."recordId", a.period, a."values", a.link
    FROM added a JOIN "User" u ON u.id = a."recipientId"`;
  await queueEmailsAtOnce(tx, added);
  return added.length;
}

/**
 * Adds the event's notifications that are not in the ledger yet, for active
 * accounts, as each recipient's preference for the kind says: none when it is
 * "off"; the inbox's row otherwise, and for "email" its email at once.
 */
async function notify(tx: Transaction, event: NotificationEvent) {
  const kind = Prisma.sql`${event.kind}::"NotificationKind"`;
  await addNotifications(
    tx,
    Prisma.sql`
      INSERT INTO "Notification" (id, "recipientId", kind, "recordType", "recordId", period, "values", link)
      SELECT gen_random_uuid()::text, u.id, ${kind}, ${event.recordType}, ${event.recordId}, ${event.period ?? ""},
        ${JSON.stringify(event.values)}::jsonb, ${event.link}
      FROM "User" u
      WHERE u.id IN (${event.recipients}) AND u.active AND u.id IS DISTINCT FROM ${event.causedBy ?? null}::text
        AND ${wantsKind(Prisma.sql`u.id`, kind)}`,
  );
}

/** A plan text's Spanish, kept beside its English as `<key>Es` (see notificationText), when the plan has one. */
function spanish(key: string, text: string | null): NotificationValues {
  return text ? { [`${key}Es`]: text } : {};
}

/** Everyone holding a role that carries the permission. */
function holdersOf(...roles: readonly Role[]): Prisma.Sql {
  return Prisma.sql`SELECT id FROM "User" WHERE roles && ${[...new Set(roles)]}::"Role"[]`;
}

const onePerson = (userId: string) => Prisma.sql`SELECT ${userId}::text AS id`;

/**
 * A round opened: reviewers (to write their assessments) and the staff of
 * agencies responsible for a commitment still in the plan (for their
 * self-assessments).
 */
export async function notifyRoundOpened(tx: Transaction, actor: Actor, round: { id: string; title: string; titleEs?: string | null; periodEnd: string }) {
  await notify(tx, {
    kind: "round_opened",
    recordType: "AssessmentRound",
    recordId: round.id,
    values: { title: round.title, ...spanish("title", round.titleEs ?? null), periodEnd: round.periodEnd },
    link: `/rounds/${round.id}`,
    causedBy: actor.id,
    recipients: Prisma.sql`
      ${holdersOf(...rolesWith("assessment.write"))}
      UNION
      SELECT u.id FROM "User" u
        WHERE u.roles && ${[...rolesWith("selfAssessment.write")]}::"Role"[]
          AND EXISTS (SELECT 1 FROM "CommitmentAgency" ca JOIN "Commitment" c ON c.id = ca."commitmentId"
                      WHERE ca."agencyId" = u."agencyId" AND c."archivedAt" IS NULL)`,
  });
}

/** What the notifications of an assessment's step say of it. */
async function assessmentValues(tx: Transaction, assessmentId: string) {
  const row = await tx.assessment.findUniqueOrThrow({
    where: { id: assessmentId },
    select: {
      pillarId: true,
      commitmentId: true,
      authorId: true,
      version: true,
      returnComment: true,
      pillar: { select: { code: true, name: true, nameEs: true } },
      commitment: { select: { title: true, titleEs: true } },
      round: { select: { title: true, titleEs: true } },
      author: { select: { name: true } },
    },
  });
  const values: NotificationValues = {
    pillar: `${row.pillar.code} ${row.pillar.name}`,
    ...spanish("pillar", row.pillar.nameEs && `${row.pillar.code} ${row.pillar.nameEs}`),
    round: row.round.title,
    ...spanish("round", row.round.titleEs),
    author: row.author.name,
  };
  if (row.commitment) Object.assign(values, { commitment: row.commitment.title, ...spanish("commitment", row.commitment.titleEs) });
  return { row, values };
}

/**
 * An assessment moved to `state`: submitted → the managers who decide on it;
 * returned (with the comment) or published → its author; published → also
 * whoever follows its pillar or commitment. The version after the step is
 * the period, so each return of a resubmitted assessment is told anew.
 */
export async function notifyAssessmentStep(tx: Transaction, actor: Actor, assessmentId: string, state: Exclude<AssessmentState, "draft">) {
  const { row, values } = await assessmentValues(tx, assessmentId);
  const base = { recordType: "Assessment", recordId: assessmentId, period: String(row.version), link: `/assessments/${assessmentId}`, causedBy: actor.id };
  if (state === "submitted") {
    await notify(tx, { ...base, kind: "assessment_submitted", values, recipients: holdersOf(...rolesWith("assessment.decide")) });
    return;
  }
  if (state === "returned") {
    await notify(tx, { ...base, kind: "assessment_returned", values: { ...values, comment: row.returnComment ?? "" }, recipients: onePerson(row.authorId) });
    return;
  }
  await notify(tx, { ...base, kind: "assessment_published", values, recipients: onePerson(row.authorId) });
  await notify(tx, {
    ...base,
    kind: "followed_change",
    values: { ...values, change: "assessment" },
    recipients: Prisma.sql`${followersOf({ pillarId: row.pillarId, commitmentId: row.commitmentId, milestoneId: null })} EXCEPT ${onePerson(row.authorId)}`,
  });
}

/** A status update on a milestone → whoever follows it, its commitment or its pillar. */
export async function notifyStatusUpdate(
  tx: Transaction,
  actor: Actor,
  update: { id: string; milestoneId: string; newStatus: string },
  milestone: { title: string; titleEs: string | null; commitmentId: string; pillarId: string },
) {
  await notify(tx, {
    kind: "followed_change",
    recordType: "StatusUpdate",
    recordId: update.id,
    values: { change: "statusUpdate", milestone: milestone.title, ...spanish("milestone", milestone.titleEs), status: update.newStatus, author: actor.name },
    link: `/milestones/${update.milestoneId}`,
    causedBy: actor.id,
    recipients: followersOf({ pillarId: milestone.pillarId, commitmentId: milestone.commitmentId, milestoneId: update.milestoneId }),
  });
}

/** Evidence logged on a commitment (or one of its milestones) → whoever follows either, or the pillar. */
export async function notifyEvidence(tx: Transaction, actor: Actor, evidence: { id: string; title: string; commitmentId: string; milestoneId: string | null }) {
  const commitment = await tx.commitment.findUniqueOrThrow({ where: { id: evidence.commitmentId }, select: { title: true, titleEs: true, pillarId: true } });
  await notify(tx, {
    kind: "followed_change",
    recordType: "Evidence",
    recordId: evidence.id,
    values: { change: "evidence", title: evidence.title, commitment: commitment.title, ...spanish("commitment", commitment.titleEs), author: actor.name },
    link: `/evidence/${evidence.id}`,
    causedBy: actor.id,
    recipients: followersOf({ pillarId: commitment.pillarId, commitmentId: evidence.commitmentId, milestoneId: evidence.milestoneId }),
  });
}

/** A scheduled backup failed → every admin (those who read the operations pages), led to the backups page. */
export async function notifyBackupFailed(tx: Transaction, run: { id: string; day: string; error: string }) {
  await notify(tx, {
    kind: "backup_failed",
    recordType: "BackupRun",
    recordId: run.id,
    values: { day: run.day, error: run.error },
    link: "/admin/backups",
    recipients: holdersOf(...rolesWith("operations.read")),
  });
}

// ---------------------------------------------------------------------------
// The inbox
// ---------------------------------------------------------------------------

/** The bell shows at most this many; more reads as "99+". */
export const unreadShownAtMost = 99;

/** How many unread notifications the person has, counted up to one more than the bell shows (an index range, however full the inbox). */
export async function unreadCount(actor: Actor): Promise<number> {
  ensure(actor, "notifications.own");
  return queryCount`
    SELECT count(*)::int AS total FROM (
      SELECT 1 FROM "Notification" WHERE "recipientId" = ${actor.id} AND "readAt" IS NULL LIMIT ${unreadShownAtMost + 1}::int
    ) unread`;
}

export const notificationFilter = z.object({
  unread: z.preprocess(blankToUndefined, z.enum(["true", "false"]).optional()),
  page: optionalPageNumber,
});

const notificationPageSize = 30;

const notificationSelect = { id: true, kind: true, recordType: true, recordId: true, values: true, link: true, createdAt: true, readAt: true } as const;

/** One page of the person's notifications, newest first; `unread=true` for the unread ones only. */
export async function listNotifications(actor: Actor, rawFilter: unknown, { pageSize = notificationPageSize }: { pageSize?: number } = {}) {
  ensure(actor, "notifications.own");
  const filter = parseInput(notificationFilter, rawFilter);
  const page = filter.page ?? 1;
  const where = { recipientId: actor.id, ...(filter.unread === "true" ? { readAt: null } : {}) };
  const [total, rows] = await Promise.all([
    db().notification.count({ where }),
    db().notification.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * pageSize, take: pageSize, select: notificationSelect }),
  ]);
  const items = rows.map((row) => ({
    ...row,
    values: row.values as NotificationValues,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  }));
  return { items, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

// A form sends one id as a string and "all" as the text "true"; the API sends an array and a boolean.
export const markReadInput = z
  .strictObject({
    ids: z.preprocess((value) => (typeof value === "string" ? [value] : value), z.array(recordId).min(1).max(500).optional()),
    all: z.preprocess((value) => (value === "true" ? true : value), z.literal(true).optional()),
  })
  .refine((input) => (input.ids === undefined) !== (input.all === undefined), { path: ["ids"], message: "idsOrAll" });

/**
 * Marks the person's own notifications read: the ones named, or all. Another
 * person's ids match nothing. Not an audit event: it changes only what the
 * person's own inbox shows, as a session's last-seen time does.
 */
export async function markNotificationsRead(actor: Actor, raw: unknown) {
  ensure(actor, "notifications.own");
  const input = parseInput(markReadInput, raw);
  const { count } = await db().notification.updateMany({
    where: { recipientId: actor.id, readAt: null, ...(input.ids ? { id: { in: input.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { marked: count };
}

/** Marks one notification read and answers where it leads; for following a notification's link from the inbox. */
export async function openNotification(actor: Actor, rawId: string) {
  ensure(actor, "notifications.own");
  const { id } = parseInput(z.object({ id: recordId }), { id: rawId });
  const { marked } = await markNotificationsRead(actor, { ids: [id] });
  const row = await db().notification.findFirst({ where: { id, recipientId: actor.id }, select: { link: true } });
  if (!row) throw new NotFoundError();
  return { marked, link: row.link };
}
