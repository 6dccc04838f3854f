import "server-only";
import { z } from "zod";
import en from "@/messages/en.json";
import es from "@/messages/es.json";
import { standingAssessments } from "./assessment-visibility";
import { exportBatchSize, keysetBatches } from "./batches";
import { csvChunks, rowsPerChunk, streamedText } from "./csv";
import { db } from "./db/client";
import { Prisma } from "./db/generated/client";
import { Advances, AssessmentKind, BetterDirection, EvidenceKind, EvidenceShows, LeadParty, Locale, MilestoneStatus, Reliability, Results } from "./db/generated/enums";
import { queryRows, rawRow } from "./db/raw-rows";
import { NotFoundError } from "./errors";
import { ensurePublicSite } from "./public-record";
import { isoDate } from "./validation";

// Open data (/public/data): the public record as files anyone may download and
// reuse under CC BY 4.0, each as CSV and as JSON, described column by column
// in a data dictionary. Like the public pages (server/public-record.ts), every
// read names the columns it publishes: the plan, each milestone's statuses
// with their days, the standing published assessments, the evidence they cite
// and the indicators' observations with their sources; never a draft, a
// submitted or returned assessment, a status note, an observation's note, an
// email or a staff member's name (the reviewer's name stands on their
// published assessment; a self-assessment is its agency's). Plan texts come in
// both languages (`_en`, `_es`, the Spanish empty until written); what people
// wrote comes with the language it was written in. Every file is read in
// batches as it is sent, so a file of any length never sits whole in memory.

/** The licence of every file. */
const openDataLicence = { name: "CC BY 4.0", url: "https://creativecommons.org/licenses/by/4.0/" } as const;

type ColumnType = "id" | "text" | "integer" | "number" | "boolean" | "date" | "datetime" | "list" | "enum";
interface ColumnSpec {
  type: ColumnType;
  /** The values an `enum` column takes. */
  values?: readonly string[];
}
type Cell = string | number | boolean | null | readonly string[];

const id: ColumnSpec = { type: "id" };
const text: ColumnSpec = { type: "text" };
const integer: ColumnSpec = { type: "integer" };
const number: ColumnSpec = { type: "number" };
const date: ColumnSpec = { type: "date" };
const datetime: ColumnSpec = { type: "datetime" };
const list: ColumnSpec = { type: "list" };
const oneOf = (values: Record<string, string>): ColumnSpec => ({ type: "enum", values: Object.values(values) });
const language = oneOf(Locale);

/**
 * One file: its columns in order, and a read of its rows in keyset batches
 * (each batch after the last id of the one before). The columns' keys are the
 * rows' keys, so a column without a description or a row field without a
 * column does not compile.
 */
interface Dataset<Row extends { id: string }> {
  file: string;
  columns: { [Column in keyof Row]: ColumnSpec };
  batch: (after: string | undefined, take: number) => Promise<Row[]>;
}

const dataset = <Row extends { id: string } & Record<string, Cell>>(spec: Dataset<Row>) => spec;
const afterId = (after: string | undefined) => (after === undefined ? {} : { id: { gt: after } });
// Archived plan records have left the plan; the public pages do not show them either.
const liveCommitment = { archivedAt: null };
const liveMilestone = { archivedAt: null, commitment: liveCommitment };

const datasets = {
  pillars: dataset({
    file: "pillars",
    columns: { id, number: integer, code: text, name_en: text, name_es: text, description_en: text, description_es: text },
    batch: async (after, take) =>
      (
        await db().pillar.findMany({
          where: afterId(after),
          orderBy: { id: "asc" },
          take,
          select: { id: true, number: true, code: true, name: true, nameEs: true, description: true, descriptionEs: true },
        })
      ).map((pillar) => ({
        id: pillar.id,
        number: pillar.number,
        code: pillar.code,
        name_en: pillar.name,
        name_es: pillar.nameEs,
        description_en: pillar.description,
        description_es: pillar.descriptionEs,
      })),
  }),
  commitments: dataset({
    file: "commitments",
    columns: {
      id,
      pillarNumber: integer,
      title_en: text,
      title_es: text,
      description_en: text,
      description_es: text,
      leadParty: oneOf(LeadParty),
      agencies: list,
      startDate: date,
      targetDate: date,
      sourceCitation: text,
    },
    batch: async (after, take) =>
      (
        await db().commitment.findMany({
          where: { ...liveCommitment, ...afterId(after) },
          orderBy: { id: "asc" },
          take,
          select: {
            id: true,
            pillar: { select: { number: true } },
            title: true,
            titleEs: true,
            description: true,
            descriptionEs: true,
            leadParty: true,
            agencies: { orderBy: { agency: { name: "asc" } }, select: { agency: { select: { name: true } } } },
            startDate: true,
            targetDate: true,
            sourceCitation: true,
          },
        })
      ).map((commitment) => ({
        id: commitment.id,
        pillarNumber: commitment.pillar.number,
        title_en: commitment.title,
        title_es: commitment.titleEs,
        description_en: commitment.description,
        description_es: commitment.descriptionEs,
        leadParty: commitment.leadParty,
        agencies: commitment.agencies.map(({ agency }) => agency.name),
        startDate: isoDate(commitment.startDate),
        targetDate: isoDate(commitment.targetDate),
        sourceCitation: commitment.sourceCitation,
      })),
  }),
  milestones: dataset({
    file: "milestones",
    columns: { id, commitmentId: id, title_en: text, title_es: text, description_en: text, description_es: text, dueDate: date, status: oneOf(MilestoneStatus), completedOn: date },
    batch: async (after, take) =>
      (
        await db().milestone.findMany({
          where: { ...liveMilestone, ...afterId(after) },
          orderBy: { id: "asc" },
          take,
          select: { id: true, commitmentId: true, title: true, titleEs: true, description: true, descriptionEs: true, dueDate: true, status: true, completedOn: true },
        })
      ).map((milestone) => ({
        id: milestone.id,
        commitmentId: milestone.commitmentId,
        title_en: milestone.title,
        title_es: milestone.titleEs,
        description_en: milestone.description,
        description_es: milestone.descriptionEs,
        dueDate: isoDate(milestone.dueDate),
        status: milestone.status,
        completedOn: isoDate(milestone.completedOn),
      })),
  }),
  statusHistory: dataset({
    file: "status-history",
    columns: { id, milestoneId: id, status: oneOf(MilestoneStatus), recordedOn: date },
    // The status and its day only: the note, the cause and the author stay inside.
    batch: async (after, take) =>
      (
        await db().statusUpdate.findMany({
          where: { milestone: liveMilestone, ...afterId(after) },
          orderBy: { id: "asc" },
          take,
          select: { id: true, milestoneId: true, newStatus: true, createdAt: true },
        })
      ).map((update) => ({ id: update.id, milestoneId: update.milestoneId, status: update.newStatus, recordedOn: isoDate(update.createdAt) })),
  }),
  assessments: dataset({
    file: "assessments",
    columns: {
      id,
      roundId: id,
      roundTitle_en: text,
      roundTitle_es: text,
      periodStart: date,
      periodEnd: date,
      pillarNumber: integer,
      commitmentId: id,
      kind: oneOf(AssessmentKind),
      advances: oneOf(Advances),
      results: oneOf(Results),
      narrative: text,
      narrativeLanguage: language,
      edition: integer,
      publishedAt: datetime,
      reviewer: text,
      agency: text,
      evidenceIds: list,
    },
    batch: async (after, take) =>
      (
        await db().assessment.findMany({
          where: { AND: [standingAssessments, afterId(after)] },
          orderBy: { id: "asc" },
          take,
          select: {
            id: true,
            round: { select: { id: true, title: true, titleEs: true, periodStart: true, periodEnd: true } },
            pillar: { select: { number: true } },
            commitmentId: true,
            kind: true,
            advances: true,
            results: true,
            narrative: true,
            narrativeLanguage: true,
            edition: true,
            publishedAt: true,
            author: { select: { name: true } },
            agency: { select: { name: true } },
            citations: { orderBy: { evidenceId: "asc" }, select: { evidenceId: true } },
          },
        })
      ).map((assessment) => ({
        id: assessment.id,
        roundId: assessment.round.id,
        roundTitle_en: assessment.round.title,
        roundTitle_es: assessment.round.titleEs,
        periodStart: isoDate(assessment.round.periodStart),
        periodEnd: isoDate(assessment.round.periodEnd),
        pillarNumber: assessment.pillar.number,
        commitmentId: assessment.commitmentId,
        kind: assessment.kind,
        advances: assessment.advances,
        results: assessment.results,
        narrative: assessment.narrative,
        narrativeLanguage: assessment.narrativeLanguage,
        edition: assessment.edition,
        publishedAt: assessment.publishedAt?.toISOString() ?? null,
        // The reviewer is named on their independent assessment; a self-assessment is its agency's, never its author's.
        reviewer: assessment.kind === "independent" ? assessment.author.name : null,
        agency: assessment.kind === "self_assessment" ? (assessment.agency?.name ?? null) : null,
        evidenceIds: assessment.citations.map((citation) => citation.evidenceId),
      })),
  }),
  evidence: dataset({
    file: "evidence",
    columns: {
      id,
      commitmentId: id,
      milestoneId: id,
      title: text,
      summary: text,
      language,
      kind: oneOf(EvidenceKind),
      publisher: text,
      url: text,
      publishedOn: date,
      shows: oneOf(EvidenceShows),
      reliability: oneOf(Reliability),
      retracted: { type: "boolean" },
      retractedOn: date,
      retractionReason: text,
      citedBy: list,
    },
    // Only evidence a standing published assessment cites: the rest of the log is the reviewers' working material.
    batch: async (after, take) =>
      (
        await db().evidence.findMany({
          where: { citations: { some: { assessment: standingAssessments } }, ...afterId(after) },
          orderBy: { id: "asc" },
          take,
          select: {
            id: true,
            commitmentId: true,
            milestoneId: true,
            title: true,
            summary: true,
            language: true,
            kind: true,
            publisher: true,
            url: true,
            publishedOn: true,
            shows: true,
            reliability: true,
            retraction: { select: { reason: true, createdAt: true } },
            citations: { where: { assessment: standingAssessments }, orderBy: { assessmentId: "asc" }, select: { assessmentId: true } },
          },
        })
      ).map((evidence) => ({
        id: evidence.id,
        commitmentId: evidence.commitmentId,
        milestoneId: evidence.milestoneId,
        title: evidence.title,
        summary: evidence.summary,
        language: evidence.language,
        kind: evidence.kind,
        publisher: evidence.publisher,
        url: evidence.url,
        publishedOn: isoDate(evidence.publishedOn),
        shows: evidence.shows,
        reliability: evidence.reliability,
        retracted: evidence.retraction !== null,
        retractedOn: isoDate(evidence.retraction?.createdAt),
        retractionReason: evidence.retraction?.reason ?? null,
        citedBy: evidence.citations.map((citation) => citation.assessmentId),
      })),
  }),
  indicators: dataset({
    file: "indicators",
    columns: {
      id,
      pillarNumber: integer,
      commitmentId: id,
      name_en: text,
      name_es: text,
      unit_en: text,
      unit_es: text,
      better: oneOf(BetterDirection),
      baselineValue: number,
      baselineDate: date,
      targetValue: number,
      targetDate: date,
    },
    batch: async (after, take) =>
      (
        await db().indicator.findMany({
          where: afterId(after),
          orderBy: { id: "asc" },
          take,
          select: {
            id: true,
            pillar: { select: { number: true } },
            commitmentId: true,
            name: true,
            nameEs: true,
            unit: true,
            unitEs: true,
            better: true,
            baselineValue: true,
            baselineDate: true,
            targetValue: true,
            targetDate: true,
          },
        })
      ).map((indicator) => ({
        id: indicator.id,
        pillarNumber: indicator.pillar.number,
        commitmentId: indicator.commitmentId,
        name_en: indicator.name,
        name_es: indicator.nameEs,
        unit_en: indicator.unit,
        unit_es: indicator.unitEs,
        better: indicator.better,
        baselineValue: indicator.baselineValue,
        baselineDate: isoDate(indicator.baselineDate),
        targetValue: indicator.targetValue,
        targetDate: isoDate(indicator.targetDate),
      })),
  }),
  observations: dataset({
    file: "observations",
    columns: {
      id,
      indicatorId: id,
      value: number,
      observedOn: date,
      sourceEvidenceId: id,
      sourceTitle: text,
      sourcePublisher: text,
      sourceUrl: text,
      sourceRetracted: { type: "boolean" },
    },
    // The value, its day and its source; the note and who recorded it stay inside.
    batch: async (after, take) =>
      (
        await db().observation.findMany({
          where: afterId(after),
          orderBy: { id: "asc" },
          take,
          select: {
            id: true,
            indicatorId: true,
            value: true,
            observedOn: true,
            evidence: { select: { id: true, title: true, publisher: true, url: true, retraction: { select: { id: true } } } },
          },
        })
      ).map((observation) => ({
        id: observation.id,
        indicatorId: observation.indicatorId,
        value: observation.value,
        observedOn: isoDate(observation.observedOn),
        sourceEvidenceId: observation.evidence?.id ?? null,
        sourceTitle: observation.evidence?.title ?? null,
        sourcePublisher: observation.evidence?.publisher ?? null,
        sourceUrl: observation.evidence?.url ?? null,
        sourceRetracted: observation.evidence ? observation.evidence.retraction !== null : null,
      })),
  }),
};

type DatasetKey = keyof typeof datasets;
const datasetKeys = Object.keys(datasets) as DatasetKey[];

/**
 * The moment each file last changed, from every table it reads, in one query.
 * A table with a change time of its own is dated by it: a plan record's edit
 * or archiving moves its `updatedAt` (a commitment's agencies change with the
 * commitment), a status or an observation is a new row, and the assessments
 * and the evidence they cite change when one is published (an amendment
 * replacing its predecessor) or a cited record is retracted. The reviewers
 * named on independent assessments are dated by their accounts' `updatedAt`,
 * which an admin's edit of a name moves (and, more than needed, a reviewer's
 * own new password or language). The rounds and the agencies keep no change
 * time: an edit of one is dated by its audit event (`lastAuditedEdit`). Null
 * while a file's tables are empty.
 */
const lastChangeRow = rawRow("openDataLastChange", {
  pillars: z.date().nullable(),
  commitments: z.date().nullable(),
  milestones: z.date().nullable(),
  statusHistory: z.date().nullable(),
  assessments: z.date().nullable(),
  evidence: z.date().nullable(),
  indicators: z.date().nullable(),
  observations: z.date().nullable(),
  overall: z.date().nullable(),
});

/**
 * When an audited edit (an event with the values before it, not a creation)
 * last changed one of `columns` of an `entityType` record: every change is
 * audited in the transaction that makes it, so this dates the edits of a table
 * without a change time. A round's opening or closing, or an agency's new
 * code, changes no column a file gives.
 */
const lastAuditedEdit = (entityType: string, columns: string[]) => Prisma.sql`(
  SELECT max(e.at) FROM "AuditEvent" e
  WHERE e."entityType" = ${entityType} AND e.before IS NOT NULL
    AND EXISTS (SELECT FROM unnest(${columns}::text[]) AS c(name) WHERE e.after -> c.name IS NOT NULL AND e.before -> c.name IS DISTINCT FROM e.after -> c.name))`;

async function lastChanges(): Promise<Record<DatasetKey | "overall", Date | null>> {
  const [row] = await queryRows(lastChangeRow)`
    WITH tables AS (
      SELECT
        (SELECT max("updatedAt") FROM "Pillar") AS pillar,
        (SELECT max("updatedAt") FROM "Commitment") AS commitment,
        (SELECT max("updatedAt") FROM "Milestone") AS milestone,
        (SELECT max("createdAt") FROM "StatusUpdate") AS "statusUpdate",
        (SELECT max("publishedAt") FROM "Assessment" WHERE state = 'published') AS publication,
        (SELECT max("updatedAt") FROM "User" WHERE id IN (SELECT "authorId" FROM "Assessment" WHERE state = 'published' AND kind = 'independent')) AS reviewer,
        ${lastAuditedEdit("AssessmentRound", ["title", "titleEs", "periodStart", "periodEnd"])} AS round,
        ${lastAuditedEdit("Agency", ["name"])} AS agency,
        (SELECT max("createdAt") FROM "EvidenceRetraction") AS retraction,
        (SELECT max("updatedAt") FROM "Indicator") AS indicator,
        (SELECT max("createdAt") FROM "Observation") AS observation
    ), changed AS (
      SELECT
        pillar AS pillars,
        GREATEST(commitment, pillar, agency) AS commitments,
        GREATEST(milestone, commitment) AS milestones,
        GREATEST("statusUpdate", milestone, commitment) AS "statusHistory",
        GREATEST(publication, round, pillar, reviewer, agency) AS assessments,
        GREATEST(publication, retraction) AS evidence,
        GREATEST(indicator, pillar) AS indicators,
        GREATEST(observation, retraction) AS observations
      FROM tables
    )
    SELECT *, GREATEST(pillars, commitments, milestones, "statusHistory", assessments, evidence, indicators, observations) AS overall FROM changed`;
  // An aggregate without GROUP BY: always one row.
  return row!;
}

type Described = { en: string; es: string };
const fieldTexts = (messages: typeof en) => messages.public.data.fields as Record<DatasetKey, Record<string, string>>;
const fileTexts = (messages: typeof en) => messages.public.data.files as Record<DatasetKey, string>;

/** What the page and dictionary.json say of every file: its addresses, when it last changed, and each column's type and meaning in both languages. */
export async function openDataDictionary() {
  ensurePublicSite();
  const changed = await lastChanges();
  return {
    licence: openDataLicence,
    lastChanged: changed.overall?.toISOString() ?? null,
    files: datasetKeys.map((key) => {
      const { file, columns } = datasets[key] as Dataset<{ id: string }>;
      return {
        name: file,
        description: { en: fileTexts(en)[key], es: fileTexts(es)[key] } satisfies Described,
        csv: `/public/data/${file}.csv`,
        json: `/public/data/${file}.json`,
        lastChanged: changed[key]?.toISOString() ?? null,
        columns: Object.entries(columns as Record<string, ColumnSpec>).map(([name, spec]) => ({
          name,
          ...spec,
          description: { en: fieldTexts(en)[key]?.[name] ?? "", es: fieldTexts(es)[key]?.[name] ?? "" } satisfies Described,
        })),
      };
    }),
  };
}

const publicCaching = { "Cache-Control": "public, max-age=60" };

/**
 * The download a name in /public/data asks for: `<file>.csv`, `<file>.json` or
 * `dictionary.json`; any other name is not found. The first batch is read
 * before answering, so that a database fault is still an error answer.
 */
export async function openDataResponse(name: string): Promise<Response> {
  ensurePublicSite();
  if (name === "dictionary.json") {
    return new Response(`${JSON.stringify(await openDataDictionary(), null, 2)}\n`, {
      headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": 'inline; filename="dictionary.json"', ...publicCaching },
    });
  }
  const [, file, format] = /^([a-z-]+)\.(csv|json)$/.exec(name) ?? [];
  const key = datasetKeys.find((candidate) => datasets[candidate].file === file);
  if (!key || !format) throw new NotFoundError();
  const { batch, columns } = datasets[key] as Dataset<{ id: string }>;
  const rows = keysetBatches<{ id: string }>((after) => batch(after?.id, exportBatchSize), exportBatchSize);
  if (format === "csv") {
    return new Response(await streamedText(csvChunks(rows, Object.keys(columns))), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${file}.csv"`, ...publicCaching },
    });
  }
  const lastChanged = (await lastChanges())[key];
  return new Response(await streamedText(jsonChunks({ name: file, licence: openDataLicence, lastChanged: lastChanged?.toISOString() ?? null, dictionary: "/public/data/dictionary.json" }, rows)), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="${file}.json"`, ...publicCaching },
  });
}

/** `{...head, "rows": [...]}` written a chunk of rows at a time, the same rows as the CSV with lists as arrays and no formula guard (JSON is no spreadsheet). */
async function* jsonChunks(head: Record<string, unknown>, rows: AsyncIterable<object>): AsyncGenerator<string> {
  let chunk = `${JSON.stringify(head).slice(0, -1)},"rows":[`;
  let count = 0;
  for await (const row of rows) {
    chunk += `${count === 0 ? "" : ","}\n${JSON.stringify(row)}`;
    count += 1;
    if (count % rowsPerChunk === 0) {
      yield chunk;
      chunk = "";
    }
  }
  yield `${chunk}\n]}\n`;
}
