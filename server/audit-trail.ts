import "server-only";
import { z } from "zod";
import { exportBatchSize, keysetBatches } from "./batches";
import type { CsvColumn } from "./csv";
import { Prisma } from "./db/generated/client";
import { queryCount, queryRows, rawRow } from "./db/raw-rows";
import { ensure, type Actor } from "./permissions";
import { blankToUndefined, optionalCalendarDate, optionalPageNumber, optionalRecordId, optionalText, parseInput } from "./validation";

// The audit trail: every audit event (server/audit.ts writes them, one per
// change, in the change's transaction), newest first, for admins only — as a
// page of /admin/audit and GET /api/v1/audit-events, or streamed in batches
// for a CSV export of any length.

export const auditEventFilter = z.object({
  actor: optionalRecordId,
  recordType: z.preprocess(blankToUndefined, z.string().regex(/^[A-Za-z]{1,50}$/).optional()),
  recordId: optionalRecordId,
  action: optionalText(100),
  from: optionalCalendarDate,
  to: optionalCalendarDate,
  page: optionalPageNumber,
});

type AuditEventFilter = z.output<typeof auditEventFilter>;

const auditEventPageSize = 50;

const auditEventRow = rawRow("auditEvent", {
  id: z.string(),
  at: z.date(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  apiTokenId: z.string().nullable(),
  apiTokenName: z.string().nullable(),
  action: z.string(),
  recordType: z.string(),
  recordId: z.string(),
  recordTitle: z.string().nullable(),
  requestId: z.string().nullable(),
  before: z.json(),
  after: z.json(),
});
type AuditEventRow = z.infer<typeof auditEventRow>;

function auditEventJson(row: AuditEventRow) {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: row.actorId ? { id: row.actorId, name: row.actorName ?? "" } : null,
    apiToken: row.apiTokenId ? { id: row.apiTokenId, name: row.apiTokenName ?? "" } : null,
    action: row.action,
    record: { type: row.recordType, id: row.recordId, title: row.recordTitle },
    requestId: row.requestId,
    before: row.before,
    after: row.after,
  };
}

export type AuditEventListItem = ReturnType<typeof auditEventJson>;

/** A CSV row: the values before and after stay whole, as JSON text in one cell each. */
function auditEventCsvRow(item: AuditEventListItem) {
  const { before, after, ...rest } = item;
  return { ...rest, before: before === null ? null : JSON.stringify(before), after: after === null ? null : JSON.stringify(after) };
}

export const auditEventCsvColumns = [
  "id", "at", "actorId", "actorName", "apiTokenId", "apiTokenName", "action", "recordType", "recordId", "recordTitle", "requestId", "before", "after",
] as const satisfies readonly CsvColumn<ReturnType<typeof auditEventCsvRow>>[];

// `from` and `to` are whole UTC days of the event's time.
function auditEventsMatching(filter: AuditEventFilter): Prisma.Sql {
  return Prisma.sql`
    (${filter.actor ?? null}::text IS NULL OR e."actorId" = ${filter.actor ?? null}::text)
    AND (${filter.recordType ?? null}::text IS NULL OR e."entityType" = ${filter.recordType ?? null}::text)
    AND (${filter.recordId ?? null}::text IS NULL OR e."entityId" = ${filter.recordId ?? null}::text)
    AND (${filter.action ?? null}::text IS NULL OR e.action = ${filter.action ?? null}::text)
    AND (${filter.from ?? null}::date IS NULL OR e.at >= (${filter.from ?? null}::date)::timestamp AT TIME ZONE 'UTC')
    AND (${filter.to ?? null}::date IS NULL OR e.at < (${filter.to ?? null}::date + 1)::timestamp AT TIME ZONE 'UTC')`;
}

/** Newest first; `after` continues from a row (keyset), `offset` skips rows (pages). */
async function auditEventRows(filter: AuditEventFilter, { after, limit, offset = 0 }: { after?: AuditEventListItem; limit: number; offset?: number }) {
  const rows = await queryRows(auditEventRow)`
    SELECT e.id, e.at, e."actorId", u.name AS "actorName", e."apiTokenId", k.name AS "apiTokenName", e.action, e."entityType" AS "recordType", e."entityId" AS "recordId",
      CASE e."entityType"
        WHEN 'Milestone' THEN (SELECT title FROM "Milestone" WHERE id = e."entityId")
        WHEN 'Commitment' THEN (SELECT title FROM "Commitment" WHERE id = e."entityId")
        WHEN 'Pillar' THEN (SELECT name FROM "Pillar" WHERE id = e."entityId")
        WHEN 'Evidence' THEN (SELECT title FROM "Evidence" WHERE id = e."entityId")
        WHEN 'AssessmentRound' THEN (SELECT title FROM "AssessmentRound" WHERE id = e."entityId")
        WHEN 'User' THEN (SELECT name FROM "User" WHERE id = e."entityId")
        WHEN 'ApiToken' THEN (SELECT name FROM "ApiToken" WHERE id = e."entityId")
      END AS "recordTitle",
      e."requestId", e.before, e.after
    FROM "AuditEvent" e
    LEFT JOIN "User" u ON u.id = e."actorId"
    LEFT JOIN "ApiToken" k ON k.id = e."apiTokenId"
    WHERE ${auditEventsMatching(filter)}
      AND (${after?.id ?? null}::text IS NULL OR (e.at, e.id) < (${after?.at ?? null}::timestamptz, ${after?.id ?? null}::text))
    ORDER BY e.at DESC, e.id DESC
    LIMIT ${limit}::int OFFSET ${offset}::int`;
  return rows.map(auditEventJson);
}

/** One page of the audit trail, newest first, with its filters. */
export async function listAuditEvents(actor: Actor, rawFilter: unknown, { pageSize = auditEventPageSize }: { pageSize?: number } = {}) {
  ensure(actor, "audit.read");
  const filter = parseInput(auditEventFilter, rawFilter);
  const page = filter.page ?? 1;
  const [total, items] = await Promise.all([
    queryCount`SELECT count(*)::int AS total FROM "AuditEvent" e WHERE ${auditEventsMatching(filter)}`,
    auditEventRows(filter, { limit: pageSize, offset: (page - 1) * pageSize }),
  ]);
  return { items, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/**
 * Every audit event matching the filter (pages ignored), in the order of
 * listAuditEvents, read in batches of `batchSize`, as CSV rows. The actor and
 * the filter are checked at once, before the first row is asked for.
 */
export function streamAuditEvents(actor: Actor, rawFilter: unknown, { batchSize = exportBatchSize }: { batchSize?: number } = {}) {
  ensure(actor, "audit.read");
  const filter = parseInput(auditEventFilter, rawFilter);
  const events = keysetBatches<AuditEventListItem>((after) => auditEventRows(filter, { after, limit: batchSize }), batchSize);
  return (async function* () {
    for await (const event of events) yield auditEventCsvRow(event);
  })();
}

const distinctValueRow = rawRow("distinctValue", { value: z.string() });

const auditActorRow = rawRow("auditActor", { id: z.string(), name: z.string() });

/**
 * The distinct values of an indexed column of the trail, in order: one index
 * probe per value (a loose index scan) rather than a read of every event,
 * which a page of the trail would otherwise pay on every view.
 */
async function distinctValues(column: "entityType" | "action"): Promise<string[]> {
  const name = Prisma.raw(`"${column}"`);
  const rows = await queryRows(distinctValueRow)`
    WITH RECURSIVE found(value) AS (
      SELECT min(${name}) FROM "AuditEvent"
      UNION ALL
      SELECT (SELECT min(${name}) FROM "AuditEvent" WHERE ${name} > found.value) FROM found WHERE found.value IS NOT NULL
    )
    SELECT value FROM found WHERE value IS NOT NULL`;
  return rows.map((row) => row.value);
}

/** The choices of the trail's filters: the people, record types and actions that appear in it. */
export async function auditFilterChoices(actor: Actor) {
  ensure(actor, "audit.read");
  const [actors, recordTypes, actions] = await Promise.all([
    queryRows(auditActorRow)`
      SELECT u.id, u.name FROM "User" u WHERE EXISTS (SELECT 1 FROM "AuditEvent" e WHERE e."actorId" = u.id) ORDER BY u.name, u.id`,
    distinctValues("entityType"),
    distinctValues("action"),
  ]);
  return { actors, recordTypes, actions };
}

export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

/**
 * What an event changed, field by field, each value as text (null where a
 * side has none). With values on both sides, the fields of the after side
 * whose value differs from before; the before side's other fields are context
 * the change did not touch. With one side only (a new record), all its
 * fields. Values that are not objects are one change named by the empty field.
 */
export function auditChanges(before: Prisma.JsonValue, after: Prisma.JsonValue): AuditChange[] {
  const asText = (value: Prisma.JsonValue | undefined) => (value === undefined || value === null ? null : typeof value === "string" ? value : JSON.stringify(value));
  const isRecord = (value: Prisma.JsonValue): value is Prisma.JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);
  if (!(isRecord(before) || before === null) || !(isRecord(after) || after === null)) {
    return [{ field: "", before: asText(before), after: asText(after) }];
  }
  const fields = Object.keys(after ?? before ?? {});
  return fields
    .map((field) => ({ field, before: asText(before?.[field]), after: asText(after?.[field]) }))
    .filter((change) => change.before !== change.after);
}
