import "server-only";
import { z } from "zod";
import { visibleAssessmentsSql } from "./assessment-visibility";
import { Prisma } from "./db/generated/client";
import { AssessmentKind, AssessmentState, Locale } from "./db/generated/enums";
import { queryRows, rawRow } from "./db/raw-rows";
import { ensure, type Actor } from "./permissions";
import { parseInput } from "./validation";

/** The most characters a search takes: the schema's limit and the search fields' maxlength. */
export const searchMaxLength = 200;

/** What the header's search box, the search page and `GET /api/v1/search` send. */
export const searchInput = z.object({ q: z.string().trim().min(1).max(searchMaxLength) });

/** The most results of one kind a search lists; each kind's `total` counts them all. */
export const searchResultsPerKind = 10;

const snippetLength = 200;

const hit = { id: z.string(), title: z.string(), titleLang: z.enum(Locale), body: z.string(), bodyLang: z.enum(Locale), total: z.number().int().nonnegative() };
const planHitRow = rawRow("planSearchHit", hit);
const evidenceHitRow = rawRow("evidenceSearchHit", { ...hit, retracted: z.boolean() });
const assessmentHitRow = rawRow("assessmentSearchHit", { ...hit, kind: z.enum(AssessmentKind), state: z.enum(AssessmentState), round: z.string() });

interface Matching {
  /** The columns id, title and body (the text the snippet is cut from) with their languages (titleLang, bodyLang), and any the kind adds. */
  columns: Prisma.Sql;
  from: Prisma.Sql;
  /** Who may read which rows, as the kind's own list decides. */
  readable: Prisma.Sql;
  /** Written exactly as the kind's GIN index (prisma/migrations/*_search_indexes), so that the planner uses it. */
  document: Prisma.Sql;
}

/**
 * The best-ranked matches of one kind and how many there are in all: the
 * count is taken over every match before the limit cuts them. The body is
 * read one character past the snippet, to tell whether it was cut.
 */
function matching({ columns, from, readable, document }: Matching, q: string): Prisma.Sql {
  return Prisma.sql`
    SELECT ${columns}, count(*) OVER ()::int AS total
    FROM ${from}
    WHERE ${readable} AND ${document} @@ search_query(${q}::text)
    ORDER BY ts_rank(${document}, search_query(${q}::text)) DESC, title, id
    LIMIT ${searchResultsPerKind}::int`;
}

/**
 * A plan text as the reader reads it, as the column `name` with its language
 * in `nameLang`: the Spanish for a reader in Spanish where there is one, the
 * English otherwise (domain/plan-text.ts, in SQL).
 */
function planText(locale: Locale, en: Prisma.Sql, es: Prisma.Sql, name: "title" | "body"): Prisma.Sql {
  const spanish = Prisma.sql`${locale}::text = 'es' AND ${es} IS NOT NULL`;
  return Prisma.sql`CASE WHEN ${spanish} THEN ${es} ELSE ${en} END AS ${Prisma.raw(name)},
    CASE WHEN ${spanish} THEN 'es' ELSE 'en' END AS ${Prisma.raw(`"${name}Lang"`)}`;
}

const milestones = (locale: Locale): Matching => ({
  columns: Prisma.sql`m.id, ${planText(locale, Prisma.sql`m.title`, Prisma.sql`m."titleEs"`, "title")},
    ${planText(locale, Prisma.sql`left(m.description, ${snippetLength + 1}::int)`, Prisma.sql`left(m."descriptionEs", ${snippetLength + 1}::int)`, "body")}`,
  from: Prisma.sql`"Milestone" m JOIN "Commitment" c ON c.id = m."commitmentId"`,
  // The milestone list's rule: archived milestones, and those of an archived commitment, are out of the plan.
  readable: Prisma.sql`m."archivedAt" IS NULL AND c."archivedAt" IS NULL`,
  document: Prisma.sql`search_document(m.title || ' ' || m.description || ' ' || COALESCE(m."titleEs", '') || ' ' || COALESCE(m."descriptionEs", ''))`,
});

const commitments = (locale: Locale): Matching => ({
  columns: Prisma.sql`c.id, ${planText(locale, Prisma.sql`c.title`, Prisma.sql`c."titleEs"`, "title")},
    ${planText(locale, Prisma.sql`left(c.description, ${snippetLength + 1}::int)`, Prisma.sql`left(c."descriptionEs", ${snippetLength + 1}::int)`, "body")}`,
  from: Prisma.sql`"Commitment" c`,
  readable: Prisma.sql`c."archivedAt" IS NULL`,
  document: Prisma.sql`search_document(c.title || ' ' || c.description || ' ' || COALESCE(c."titleEs", '') || ' ' || COALESCE(c."descriptionEs", ''))`,
});

const evidence: Matching = {
  columns: Prisma.sql`e.id, e.title, e.language::text AS "titleLang", left(e.summary, ${snippetLength + 1}::int) AS body, e.language::text AS "bodyLang",
    EXISTS (SELECT 1 FROM "EvidenceRetraction" r WHERE r."evidenceId" = e.id) AS retracted`,
  from: Prisma.sql`"Evidence" e`,
  // The evidence log lists every record, retracted ones marked so; the results mark them too.
  readable: Prisma.sql`TRUE`,
  // Kept by the database (a generated column, prisma/migrations), searched through its GIN index.
  document: Prisma.sql`e."searchDocument"`,
};

const indicators = (locale: Locale): Matching => ({
  columns: Prisma.sql`i.id, ${planText(locale, Prisma.sql`i.name`, Prisma.sql`i."nameEs"`, "title")}, ${planText(locale, Prisma.sql`i.unit`, Prisma.sql`i."unitEs"`, "body")}`,
  from: Prisma.sql`"Indicator" i`,
  // The overview lists every indicator.
  readable: Prisma.sql`TRUE`,
  document: Prisma.sql`search_document(i.name || ' ' || i.unit || ' ' || COALESCE(i."nameEs", '') || ' ' || COALESCE(i."unitEs", ''))`,
});

// An assessment has no title of its own: it is named by what it assesses, in its round.
const assessments = (actor: Actor): Matching => ({
  columns: Prisma.sql`a.id, ${planText(actor.locale, Prisma.sql`COALESCE(c.title, p.name)`, Prisma.sql`CASE WHEN c.id IS NULL THEN p."nameEs" ELSE c."titleEs" END`, "title")},
    left(a.narrative, ${snippetLength + 1}::int) AS body, a."narrativeLanguage"::text AS "bodyLang", a.kind, a.state,
    CASE WHEN ${actor.locale}::text = 'es' AND r."titleEs" IS NOT NULL THEN r."titleEs" ELSE r.title END AS round`,
  from: Prisma.sql`"Assessment" a
    JOIN "AssessmentRound" r ON r.id = a."roundId"
    JOIN "Pillar" p ON p.id = a."pillarId"
    LEFT JOIN "Commitment" c ON c.id = a."commitmentId"`,
  readable: visibleAssessmentsSql(actor),
  document: Prisma.sql`search_document(a.narrative)`,
});

/** The start of a text on one line, cut at a word with an ellipsis when longer than a snippet. */
function snippet(body: string): string {
  const line = body.replace(/\s+/g, " ").trim();
  if (body.length <= snippetLength) return line;
  const cut = line.slice(0, snippetLength);
  const lastSpace = cut.lastIndexOf(" ");
  return `${lastSpace > 0 ? cut.slice(0, lastSpace) : cut}…`;
}

function results<Row extends z.infer<z.ZodObject<typeof hit>>, Item>(rows: Row[], href: (id: string) => string, more: (row: Row) => Item) {
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((row) => ({ id: row.id, title: row.title, titleLang: row.titleLang, snippet: snippet(row.body), snippetLang: row.bodyLang, href: href(row.id), ...more(row) })),
  };
}

const nothingMore = () => ({});

/**
 * Milestones, commitments, evidence, assessments and indicators matching the
 * words, in English or Spanish, grouped by kind: the best-ranked of each
 * kind, at most searchResultsPerKind, with how many match in all. Only what
 * the reader may open is searched, by the rules of each kind's own list.
 */
export async function search(actor: Actor, raw: unknown) {
  ensure(actor, "plan.read");
  const { q } = parseInput(searchInput, raw);
  const [milestoneRows, commitmentRows, evidenceRows, assessmentRows, indicatorRows] = await Promise.all([
    queryRows(planHitRow)`${matching(milestones(actor.locale), q)}`,
    queryRows(planHitRow)`${matching(commitments(actor.locale), q)}`,
    queryRows(evidenceHitRow)`${matching(evidence, q)}`,
    queryRows(assessmentHitRow)`${matching(assessments(actor), q)}`,
    queryRows(planHitRow)`${matching(indicators(actor.locale), q)}`,
  ]);
  return {
    q,
    groups: [
      { kind: "milestones", ...results(milestoneRows, (id) => `/milestones/${id}`, nothingMore) },
      { kind: "commitments", ...results(commitmentRows, (id) => `/commitments/${id}`, nothingMore) },
      { kind: "evidence", ...results(evidenceRows, (id) => `/evidence/${id}`, ({ retracted }) => ({ retracted })) },
      { kind: "assessments", ...results(assessmentRows, (id) => `/assessments/${id}`, ({ kind, state, round }) => ({ assessmentKind: kind, state, round })) },
      // Indicators have no page of their own in the app: each is a card of the overview, which the link scrolls to. Their
      // public page (/public/indicators/{id}) leaves out what only staff read here, such as the observations' notes.
      { kind: "indicators", ...results(indicatorRows, (id) => `/overview#indicator-${id}`, nothingMore) },
    ] as const,
  };
}

export type SearchResults = Awaited<ReturnType<typeof search>>;
