import "server-only";
import { z } from "zod";
import { recordAudit } from "./audit";
import { exportBatchSize, keysetBatches } from "./batches";
import type { CsvColumn } from "./csv";
import { db, readingDb } from "./db/client";
import { Prisma } from "./db/generated/client";
import { EvidenceKind, EvidenceShows, Reliability } from "./db/generated/enums";
import { column, idRow, queryRows, rawRow } from "./db/raw-rows";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors";
import { notifyEvidence } from "./notifications";
import { can, ensure, type Actor } from "./permissions";
import { pillarMatches } from "./pillars";
import { mayUpdateStatus } from "./status-updates";
import { blankToUndefined, dateOnly, isoDate, optionalCalendarDate, optionalPageNumber, optionalRecordId, optionalText, parseInput, recordId, todayIso } from "./validation";

/** Evidence as the form and the API send it. */
export const evidenceInput = z
  .strictObject({
    commitmentId: recordId,
    milestoneId: optionalRecordId,
    title: z.string().trim().min(1).max(300),
    kind: z.enum(EvidenceKind),
    publisher: z.string().trim().min(1).max(300),
    url: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/ }).max(2000).optional()),
    publishedOn: optionalCalendarDate,
    summary: z.string().trim().min(1).max(5000),
    shows: z.enum(EvidenceShows),
    reliability: z.enum(Reliability),
  })
  .refine((input) => !input.publishedOn || input.publishedOn <= todayIso(), { path: ["publishedOn"], message: "dateInFuture" });

export const retractionInput = z.strictObject({ reason: z.string().trim().min(1).max(2000) });

/**
 * Logs evidence against a commitment and optionally one of its milestones.
 * Reviewers may log on any commitment; staff only on milestones they own or
 * of their agency's commitments. Evidence is never edited afterwards.
 */
export async function logEvidence(actor: Actor, raw: unknown) {
  ensure(actor, "evidence.log");
  const input = parseInput(evidenceInput, raw);
  return db().$transaction(async (tx) => {
    const commitment = await tx.commitment.findFirst({
      where: { id: input.commitmentId, archivedAt: null },
      select: { id: true, agencies: { select: { agencyId: true } } },
    });
    if (!commitment) throw new ValidationError({ commitmentId: [{ code: "unknownRecord" }] });
    const milestone = input.milestoneId
      ? await tx.milestone.findFirst({ where: { id: input.milestoneId, commitmentId: commitment.id, archivedAt: null }, select: { ownerId: true } })
      : null;
    if (input.milestoneId && !milestone) throw new ValidationError({ milestoneId: [{ code: "unknownRecord" }] });
    if (!can(actor, "evidence.logOnAnyCommitment") && !(milestone !== null && mayLogEvidenceOn(actor, { ...milestone, commitment }))) {
      throw new ForbiddenError(actor, "evidence.log");
    }
    const created = await tx.evidence.create({
      data: {
        ...input,
        milestoneId: input.milestoneId ?? null,
        url: input.url ?? null,
        publishedOn: input.publishedOn ? dateOnly(input.publishedOn) : null,
        language: actor.locale,
        authorId: actor.id,
      },
    });
    await recordAudit(tx, actor, { action: "evidence.log", entityType: "Evidence", entityId: created.id, after: input });
    await notifyEvidence(tx, actor, created);
    return created;
  });
}

/** The author retracts their own record; independent reviewers may retract any. */
/** Whether the actor may log evidence on this milestone: reviewers on any, staff on those whose status they may update. */
export function mayLogEvidenceOn(actor: Actor, milestone: Parameters<typeof mayUpdateStatus>[1]): boolean {
  return can(actor, "evidence.log") && (can(actor, "evidence.logOnAnyCommitment") || mayUpdateStatus(actor, milestone));
}

function mayRetract(actor: Actor, evidence: { authorId: string }): boolean {
  return can(actor, "evidence.log") && (evidence.authorId === actor.id || can(actor, "evidence.retractAny"));
}

/** Retracts evidence with a reason: a new record; the evidence itself stays as it was. */
export async function retractEvidence(actor: Actor, evidenceId: string, raw: unknown) {
  ensure(actor, "evidence.log");
  const { id } = parseInput(z.object({ id: recordId }), { id: evidenceId });
  const { reason } = parseInput(retractionInput, raw);
  return db().$transaction(async (tx) => {
    const evidence = await tx.evidence.findUnique({ where: { id }, select: { authorId: true, retraction: { select: { id: true } } } });
    if (!evidence) throw new NotFoundError();
    if (!mayRetract(actor, evidence)) throw new ForbiddenError(actor, "evidence.log");
    if (evidence.retraction) throw new ConflictError("retracted");
    const retraction = await tx.evidenceRetraction.create({ data: { evidenceId: id, reason, authorId: actor.id } });
    await recordAudit(tx, actor, { action: "evidence.retract", entityType: "Evidence", entityId: id, after: { reason } });
    return retraction;
  });
}

export const evidenceFilter = z.object({
  pillar: optionalText(20),
  commitment: optionalRecordId,
  kind: z.preprocess(blankToUndefined, z.enum(EvidenceKind).optional()),
  shows: z.preprocess(blankToUndefined, z.enum(EvidenceShows).optional()),
  reliability: z.preprocess(blankToUndefined, z.enum(Reliability).optional()),
  from: optionalCalendarDate,
  to: optionalCalendarDate,
  q: optionalText(200),
  // `true`: only what the actor logged.
  mine: z.preprocess(blankToUndefined, z.enum(["true", "false"]).optional()),
  // `true`: only retracted records; `false`: only standing ones.
  retracted: z.preprocess(blankToUndefined, z.enum(["true", "false"]).optional()),
  page: optionalPageNumber,
});

const evidencePageSize = 50;

// A listed record with what the log shows beside it, in one statement (Prisma
// would send one per relation): a page of the log is the most frequent read
// that cannot be kept, as every search asks for a different one.
const listedEvidenceRow = rawRow("listedEvidence", {
  id: z.string(),
  commitmentId: z.string(),
  milestoneId: z.string().nullable(),
  title: z.string(),
  kind: z.enum(EvidenceKind),
  publisher: z.string(),
  url: z.string().nullable(),
  publishedOn: z.date().nullable(),
  summary: z.string(),
  language: column.locale,
  shows: z.enum(EvidenceShows),
  reliability: z.enum(Reliability),
  authorId: z.string(),
  createdAt: z.date(),
  commitmentTitle: z.string(),
  commitmentTitleEs: z.string().nullable(),
  pillarNumber: z.number().int(),
  pillarCode: z.string(),
  milestoneTitle: z.string().nullable(),
  milestoneTitleEs: z.string().nullable(),
  retractionReason: z.string().nullable(),
  retractionCreatedAt: z.date().nullable(),
  authorName: z.string(),
});

function listedEvidence(row: z.infer<typeof listedEvidenceRow>) {
  const { commitmentTitle, commitmentTitleEs, pillarNumber, pillarCode, milestoneTitle, milestoneTitleEs, retractionReason, retractionCreatedAt, authorName, ...evidence } = row;
  return {
    ...evidence,
    commitment: { id: evidence.commitmentId, title: commitmentTitle, titleEs: commitmentTitleEs, pillar: { number: pillarNumber, code: pillarCode } },
    milestone: evidence.milestoneId === null ? null : { id: evidence.milestoneId, title: milestoneTitle!, titleEs: milestoneTitleEs },
    retraction: retractionCreatedAt === null ? null : { reason: retractionReason!, createdAt: retractionCreatedAt },
    author: { name: authorName },
  };
}

/**
 * Counting matches stops past this many (or past the page asked for): a list
 * says "more than 1,000" instead, which is all a person needs to narrow the
 * filters, and a common word among 500,000 records costs a page, not a count
 * of tens of thousands.
 */
export const evidenceCountCap = 1000;

/** How many records match, up to the cap and one more, and the ids of one page of them: an aggregate, so always one row. */
const evidencePageRow = rawRow("evidencePage", { counted: z.number().int().nonnegative(), ids: z.array(z.string()) });

/**
 * One page of the evidence log with its filters, newest publication first
 * (undated records last); `q` searches title and summary in English and
 * Spanish. The database filters, counts (up to the cap) and cuts the page;
 * only the page's rows are loaded. The match is written twice rather than
 * shared through a CTE, which PostgreSQL would compute whole: the count stops
 * at the cap, and the page walks the listing order and stops at its end.
 */
export async function listEvidence(actor: Actor, rawFilter: unknown, { pageSize = evidencePageSize }: { pageSize?: number } = {}) {
  ensure(actor, "plan.read");
  const filter = parseInput(evidenceFilter, rawFilter);
  const page = filter.page ?? 1;
  const countCap = Math.max(evidenceCountCap, page * pageSize);
  // Read where evidenceByIds reads the rows (the replica, in a GET with one), so that no id comes without its row.
  const [matches] = await queryRows(evidencePageRow, readingDb())`
    SELECT (SELECT count(*)::int FROM (${evidenceMatching(actor, filter)} LIMIT ${countCap + 1}::int) AS counted) AS counted,
      ARRAY(${evidenceMatching(actor, filter)}
            ORDER BY COALESCE(e."publishedOn", '-infinity'::date) DESC, e."createdAt" DESC, e.id
            LIMIT ${pageSize}::int OFFSET ${(page - 1) * pageSize}::int) AS ids`;
  const { counted, ids } = matches!;
  const moreThanTotal = counted > countCap;
  const total = Math.min(counted, countCap);
  return {
    items: await evidenceByIds(ids),
    total,
    moreThanTotal,
    page,
    pageSize,
    pageCount: moreThanTotal ? Math.floor(countCap / pageSize) + 1 : Math.max(1, Math.ceil(total / pageSize)),
  };
}

/**
 * The ids of the records matching the filter, in no order, as a query that
 * ends with its conditions (a caller may add "AND …" and an order). The pillar's join
 * is made only when a pillar is asked for, so that walking the listing index
 * does not join every record it passes.
 */
function evidenceMatching(actor: Actor, filter: z.output<typeof evidenceFilter>): Prisma.Sql {
  const ofPillar = filter.pillar
    ? Prisma.sql`EXISTS (SELECT 1 FROM "Commitment" c JOIN "Pillar" p ON p.id = c."pillarId"
                         WHERE c.id = e."commitmentId" AND ${pillarMatches(filter.pillar)})`
    : Prisma.sql`TRUE`;
  return Prisma.sql`
      SELECT e.id
      FROM "Evidence" e
      WHERE (${filter.commitment ?? null}::text IS NULL OR e."commitmentId" = ${filter.commitment ?? null}::text)
        AND ${ofPillar}
        AND (${filter.kind ?? null}::text IS NULL OR e.kind::text = ${filter.kind ?? null}::text)
        AND (${filter.shows ?? null}::text IS NULL OR e.shows::text = ${filter.shows ?? null}::text)
        AND (${filter.reliability ?? null}::text IS NULL OR e.reliability::text = ${filter.reliability ?? null}::text)
        AND (${filter.from ?? null}::date IS NULL OR e."publishedOn" >= ${filter.from ?? null}::date)
        AND (${filter.to ?? null}::date IS NULL OR e."publishedOn" <= ${filter.to ?? null}::date)
        AND (${filter.mine !== "true"} OR e."authorId" = ${actor.id})
        AND (${filter.retracted ?? null}::text IS NULL
             OR EXISTS (SELECT 1 FROM "EvidenceRetraction" r WHERE r."evidenceId" = e.id) = (${filter.retracted ?? null}::text = 'true'))
        AND (${filter.q ?? null}::text IS NULL OR e."searchDocument" @@ search_query(${filter.q ?? null}::text))`;
}

/** The listed records of these ids, in the order of the ids, read where the ids were (readingDb). */
async function evidenceByIds(ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await queryRows(listedEvidenceRow, readingDb())`
    SELECT e.id, e."commitmentId", e."milestoneId", e.title, e.kind::text AS kind, e.publisher, e.url, e."publishedOn", e.summary,
      e.language::text AS language, e.shows::text AS shows, e.reliability::text AS reliability, e."authorId", e."createdAt",
      c.title AS "commitmentTitle", c."titleEs" AS "commitmentTitleEs", p.number AS "pillarNumber", p.code AS "pillarCode",
      m.title AS "milestoneTitle", m."titleEs" AS "milestoneTitleEs",
      r.reason AS "retractionReason", r."createdAt" AS "retractionCreatedAt", u.name AS "authorName"
    FROM "Evidence" e
    JOIN "Commitment" c ON c.id = e."commitmentId"
    JOIN "Pillar" p ON p.id = c."pillarId"
    LEFT JOIN "Milestone" m ON m.id = e."milestoneId"
    LEFT JOIN "EvidenceRetraction" r ON r."evidenceId" = e.id
    JOIN "User" u ON u.id = e."authorId"
    WHERE e.id = ANY(${ids}::text[])
    ORDER BY array_position(${ids}::text[], e.id)`;
  return rows.map(listedEvidence);
}

export type EvidencePage = Awaited<ReturnType<typeof listEvidence>>;
type ListedEvidence = EvidencePage["items"][number];

export const evidenceCsvColumns = [
  "id", "title", "kind", "publisher", "url", "publishedOn", "summary", "language", "shows", "reliability", "createdAt",
  "commitmentId", "commitmentTitle", "commitmentTitleEs", "commitmentPillarNumber", "commitmentPillarCode", "milestoneId", "milestoneTitle", "milestoneTitleEs",
  "retractionReason", "retractionCreatedAt", "authorId", "authorName",
] as const satisfies readonly CsvColumn<ListedEvidence>[];

/**
 * Every record matching the filter (pages ignored), in the order of
 * listEvidence, read in batches of `batchSize`. Undated records sort last as
 * if published on -infinity, which keeps the keyset comparison simple. The
 * actor and the filter are checked at once, before the first row is asked for.
 */
export function streamEvidence(actor: Actor, rawFilter: unknown, { batchSize = exportBatchSize }: { batchSize?: number } = {}) {
  ensure(actor, "plan.read");
  const filter = parseInput(evidenceFilter, rawFilter);
  return keysetBatches<ListedEvidence>(async (after) => {
    const afterPublished = after ? isoDate(after.publishedOn) : null;
    const rows = await queryRows(idRow, readingDb())`
      ${evidenceMatching(actor, filter)}
        AND (${after?.id ?? null}::text IS NULL
          OR COALESCE(e."publishedOn", '-infinity'::date) < COALESCE(${afterPublished}::date, '-infinity'::date)
          OR (COALESCE(e."publishedOn", '-infinity'::date) = COALESCE(${afterPublished}::date, '-infinity'::date)
              AND (e."createdAt" < ${after?.createdAt ?? null}::timestamptz
                   OR (e."createdAt" = ${after?.createdAt ?? null}::timestamptz AND e.id > ${after?.id ?? null}::text))))
      ORDER BY COALESCE(e."publishedOn", '-infinity'::date) DESC, e."createdAt" DESC, e.id
      LIMIT ${batchSize}::int`;
    return evidenceByIds(rows.map((row) => row.id));
  }, batchSize);
}

/**
 * What the actor may log evidence on: reviewers on any live commitment, with
 * or without one of its milestones; staff only on the live milestones they own
 * or of their agency's commitments (the rule logEvidence enforces).
 */
export async function evidenceChoices(actor: Actor) {
  ensure(actor, "evidence.log");
  const anyCommitment = can(actor, "evidence.logOnAnyCommitment");
  const commitments = await db().commitment.findMany({
    where: {
      archivedAt: null,
      ...(anyCommitment
        ? {}
        : {
            OR: [
              ...(actor.agencyId ? [{ agencies: { some: { agencyId: actor.agencyId } } }] : []),
              { milestones: { some: { ownerId: actor.id, archivedAt: null } } },
            ],
          }),
    },
    orderBy: [{ pillar: { number: "asc" } }, { title: "asc" }],
    select: {
      id: true,
      title: true, titleEs: true,
      pillar: { select: { number: true, code: true, name: true, nameEs: true } },
      agencies: { select: { agencyId: true } },
      milestones: { where: { archivedAt: null }, orderBy: [{ dueDate: "asc" }, { title: "asc" }], select: { id: true, title: true, titleEs: true, ownerId: true } },
    },
  });
  return {
    milestoneRequired: !anyCommitment,
    commitments: commitments
      .map(({ agencies, milestones, ...commitment }) => ({
        ...commitment,
        milestones: milestones
          .filter((milestone) => anyCommitment || mayUpdateStatus(actor, { ownerId: milestone.ownerId, commitment: { agencies } }))
          .map(({ id, title, titleEs }) => ({ id, title, titleEs })),
      }))
      // Staff log only on a milestone: a commitment of theirs without a live one offers nothing.
      .filter((commitment) => anyCommitment || commitment.milestones.length > 0),
  };
}

/** One piece of evidence with what cites it: published assessments only, never drafts. */
export async function getEvidence(actor: Actor, rawId: string) {
  ensure(actor, "plan.read");
  const { id } = parseInput(z.object({ id: recordId }), { id: rawId });
  const evidence = await db().evidence.findUnique({
    where: { id },
    include: {
      commitment: { select: { id: true, title: true, titleEs: true, pillar: { select: { number: true, code: true, name: true, nameEs: true } } } },
      milestone: { select: { id: true, title: true, titleEs: true } },
      retraction: { select: { reason: true, createdAt: true, author: { select: { name: true } } } },
      author: { select: { name: true } },
      citations: {
        where: { assessment: { state: "published" } },
        orderBy: { assessment: { publishedAt: "desc" } },
        select: { assessment: { select: { id: true, advances: true, results: true, round: { select: { id: true, title: true, titleEs: true } }, pillar: { select: { number: true } } } } },
      },
    },
  });
  if (!evidence) throw new NotFoundError();
  return { ...evidence, mayRetract: evidence.retraction === null && mayRetract(actor, evidence) };
}
