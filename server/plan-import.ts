import "server-only";
import { CsvError, parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { z } from "zod";
import { commitmentInput, insertCommitment, type CommitmentInput } from "./commitments";
import { db, type Transaction } from "./db/client";
import { ValidationError, type FieldIssue } from "./errors";
import { insertMilestone, milestoneInput, type MilestoneInput } from "./milestones";
import { ensure, type Actor } from "./permissions";
import { pillarNamed } from "./pillars";
import { isStorableText, parseInput } from "./validation";

// Import of a plan from CSV: one row per milestone, with its commitment and
// pillar. Rows that share pillar and commitment title form one commitment; a
// live commitment of that title in that pillar is reused. Every row is checked
// with the same schemas as the forms, and the import applies all rows in one
// transaction or none.

export const planImportColumns = [
  "pillar",
  "commitment_title_en",
  "commitment_title_es",
  "commitment_description_en",
  "commitment_description_es",
  "lead_party",
  "agencies",
  "commitment_start",
  "commitment_target",
  "source_citation",
  "milestone_title_en",
  "milestone_title_es",
  "milestone_description_en",
  "milestone_description_es",
  "due_date",
  "owner_email",
] as const;

export type PlanImportColumn = (typeof planImportColumns)[number];

/** The Spanish versions: a file may leave their columns out, as it may leave their cells blank. */
const optionalColumns: ReadonlySet<PlanImportColumn> = new Set(["commitment_title_es", "commitment_description_es", "milestone_title_es", "milestone_description_es"]);

/** The columns' names from before the plan had two languages: each still reads as the English. */
const formerColumnNames: Readonly<Record<string, PlanImportColumn>> = {
  commitment_title: "commitment_title_en",
  commitment_description: "commitment_description_en",
  milestone_title: "milestone_title_en",
  milestone_description: "milestone_description_en",
};

export const maxImportMegabytes = 1;
export const maxImportBytes = maxImportMegabytes * 1024 * 1024;
export const maxImportRows = 5_000;

/** The form field that carries the CSV text; a refused import names its problems under it. */
export const importField = "csv";

/** One problem of an import file. Codes are message keys under `validation.`. */
export interface ImportProblem {
  /** The file's row: the header is row 1, so the first data row is 2; null for the whole file. */
  row: number | null;
  /** The CSV column, or null when the problem is not about one column. */
  column: string | null;
  code: string;
  values?: Record<string, string | number>;
}

export interface ImportSummary {
  rows: number;
  commitmentsToCreate: number;
  commitmentsToReuse: number;
  milestonesToCreate: number;
  commitments: { row: number; pillar: string; title: string; reuse: boolean; milestones: number }[];
}

export interface ImportResult {
  commitmentsCreated: number;
  commitmentsReused: number;
  milestonesCreated: number;
  commitments: { id: string; title: string; pillarNumber: number; created: boolean; milestones: number }[];
}

/** What the import page's action answers: a check's findings, or what an import created. */
export type PlanImportOutcome =
  | { mode: "check"; summary: ImportSummary; problems: FieldIssue[]; text: string }
  | { mode: "import"; result: ImportResult };

// 5,000 rows are some 20,000 statements (about 10 s here): far beyond Prisma's default 5 s.
const transactionOptions = { timeout: 120_000, maxWait: 10_000 };

/** Checks a file without writing anything: every row's problems and what an import would do. */
export async function dryRun(actor: Actor, csvText: string): Promise<{ problems: ImportProblem[]; summary: ImportSummary }> {
  ensure(actor, "plan.manage");
  // Read in a transaction as the import reads, so that both see the plan alike.
  const analysis = await db().$transaction((tx) => analyse(tx, csvText), transactionOptions);
  return { problems: analysis.problems, summary: summarise(analysis) };
}

/** Applies a file in one transaction; refuses the whole file with a ValidationError if any row has a problem. */
export async function importPlan(actor: Actor, csvText: string): Promise<ImportResult> {
  ensure(actor, "plan.manage");
  return db().$transaction(
    async (tx) => {
      // Checked inside the transaction, so that what is applied is what was checked.
      const analysis = await analyse(tx, csvText);
      if (analysis.problems.length > 0) throw new ValidationError({ [importField]: problemIssues(analysis.problems) });
      const result: ImportResult = { commitmentsCreated: 0, commitmentsReused: 0, milestonesCreated: 0, commitments: [] };
      for (const group of analysis.groups.filter(isComplete)) {
        const commitmentId = group.existingId ?? (await insertCommitment(tx, actor, group.input)).id;
        for (const milestone of group.milestones) await insertMilestone(tx, actor, { ...milestone, commitmentId });
        if (group.existingId) result.commitmentsReused += 1;
        else result.commitmentsCreated += 1;
        result.milestonesCreated += group.milestones.length;
        result.commitments.push({
          id: commitmentId,
          title: group.input.title,
          pillarNumber: group.pillar.number,
          created: !group.existingId,
          milestones: group.milestones.length,
        });
      }
      return result;
    },
    transactionOptions,
  );
}

/** Problems as the field issues of the form's CSV field, each carrying its row and column. */
export function problemIssues(problems: ImportProblem[]): FieldIssue[] {
  return problems.map(({ row, column, code, values }) => {
    const where: Record<string, string | number> = {};
    if (row !== null) where.row = row;
    if (column !== null) where.column = column;
    return { code, values: { ...values, ...where } };
  });
}

/** Texts of the template's example row, in the admin's language. */
/** The example row's texts, each of the plan's in both languages. */
export interface TemplateTexts {
  commitmentTitle: string;
  commitmentTitleEs: string;
  commitmentDescription: string;
  commitmentDescriptionEs: string;
  sourceCitation: string;
  milestoneTitle: string;
  milestoneTitleEs: string;
  milestoneDescription: string;
  milestoneDescriptionEs: string;
}

/** The template: the header and one example row that imports as it is. */
export async function planImportTemplate(actor: Actor, texts: TemplateTexts): Promise<string> {
  ensure(actor, "plan.manage");
  // Real agency codes, so that the example row passes a dry run unchanged.
  const agencies = await Promise.all(
    (["us", "mx"] as const).map((country) => db().agency.findFirst({ where: { country }, orderBy: { code: "asc" }, select: { code: true } })),
  );
  const example: Record<PlanImportColumn, string> = {
    pillar: "1",
    commitment_title_en: texts.commitmentTitle,
    commitment_title_es: texts.commitmentTitleEs,
    commitment_description_en: texts.commitmentDescription,
    commitment_description_es: texts.commitmentDescriptionEs,
    lead_party: "joint",
    agencies: agencies.flatMap((agency) => (agency ? [agency.code] : [])).join(";"),
    commitment_start: "2026-01-01",
    commitment_target: "2027-12-31",
    source_citation: texts.sourceCitation,
    milestone_title_en: texts.milestoneTitle,
    milestone_title_es: texts.milestoneTitleEs,
    milestone_description_en: texts.milestoneDescription,
    milestone_description_es: texts.milestoneDescriptionEs,
    due_date: "2026-06-30",
    owner_email: actor.email,
  };
  // The byte-order mark lets spreadsheet programs read the file as UTF-8.
  return `\uFEFF${stringify([[...planImportColumns], planImportColumns.map((column) => example[column])])}`;
}

// ---------------------------------------------------------------------------
// Checking a file
// ---------------------------------------------------------------------------

type Row = Record<PlanImportColumn, string>;
type MilestoneFields = Omit<MilestoneInput, "commitmentId">;

interface CommitmentGroup {
  firstRow: number;
  firstCells: Row;
  pillarLabel: string;
  pillar: { id: string; number: number } | null;
  existingId: string | null;
  /** The first row's commitment, or null when that row has problems. */
  input: CommitmentInput | null;
  milestones: MilestoneFields[];
}

interface Analysis {
  rows: number;
  problems: ImportProblem[];
  groups: CommitmentGroup[];
}

/** A group whose pillar and commitment are known: every group is, once a file has no problem. */
function isComplete(group: CommitmentGroup): group is CommitmentGroup & { input: CommitmentInput; pillar: { id: string; number: number } } {
  return group.input !== null && group.pillar !== null;
}

// The columns of a commitment that later rows of the same commitment repeat:
// each must be blank or agree with the commitment's first row.
const repeatedCommitmentColumns = [
  "commitment_title_es",
  "commitment_description_en",
  "commitment_description_es",
  "lead_party",
  "agencies",
  "commitment_start",
  "commitment_target",
  "source_citation",
] as const satisfies readonly PlanImportColumn[];

const commitmentFieldColumns: Record<string, PlanImportColumn> = {
  pillarId: "pillar",
  title: "commitment_title_en",
  titleEs: "commitment_title_es",
  description: "commitment_description_en",
  descriptionEs: "commitment_description_es",
  leadParty: "lead_party",
  agencyIds: "agencies",
  startDate: "commitment_start",
  targetDate: "commitment_target",
  sourceCitation: "source_citation",
};

const milestoneFieldColumns: Record<string, PlanImportColumn> = {
  title: "milestone_title_en",
  titleEs: "milestone_title_es",
  description: "milestone_description_en",
  descriptionEs: "milestone_description_es",
  dueDate: "due_date",
  ownerId: "owner_email",
};

// Stand-ins for ids that are resolved elsewhere (an unknown pillar is reported
// as such, a milestone's commitment may not exist yet), so that the schemas
// report only the problems of the row's own values.
const unresolvedId = "unresolved";

async function analyse(reader: Transaction, csvText: string): Promise<Analysis> {
  const parsed = readRows(csvText);
  if ("problem" in parsed) return { rows: 0, problems: [parsed.problem], groups: [] };
  const { rows, dataRows, problems } = parsed;

  const [pillars, agencies, owners] = await Promise.all([
    reader.pillar.findMany({ select: { id: true, number: true, code: true } }),
    reader.agency.findMany({ select: { id: true, code: true } }),
    reader.user.findMany({
      where: { active: true, email: { in: [...new Set(rows.map(({ cells }) => cells.owner_email.toLowerCase()).filter(Boolean))] } },
      select: { id: true, email: true },
    }),
  ]);
  const findPillar = (value: string) => {
    const named = pillarNamed(value);
    return pillars.find((pillar) => pillar.number === named.number || pillar.code === named.code);
  };
  const agencyIds = new Map(agencies.map((agency) => [agency.code.toUpperCase(), agency.id]));
  const ownerIds = new Map(owners.map((owner) => [owner.email.toLowerCase(), owner.id]));
  const existingIds = await existingCommitments(
    reader,
    rows.map(({ cells }) => ({ pillarId: findPillar(cells.pillar)?.id, title: cells.commitment_title_en })),
  );

  const groups = new Map<string, CommitmentGroup>();
  for (const { row, cells } of rows) {
    const problem = (column: PlanImportColumn, code: string, values?: Record<string, string | number>) =>
      problems.push({ row, column, code, ...(values ? { values } : {}) });

    const pillar = cells.pillar ? findPillar(cells.pillar) : undefined;
    if (!cells.pillar) problem("pillar", "required");
    else if (!pillar) problem("pillar", "unknownRecord", { value: cells.pillar });

    // The first row of a commitment defines it; later rows only add milestones,
    // and any commitment value they repeat must agree with the first row's.
    const key = cells.commitment_title_en ? commitmentKey(pillar?.id ?? `unknown:${cells.pillar.toUpperCase()}`, cells.commitment_title_en) : null;
    const group = key ? groups.get(key) : undefined;
    if (group) {
      for (const column of repeatedCommitmentColumns) {
        if (cells[column] && !sameCell(column, cells[column], group.firstCells[column])) {
          problem(column, "inconsistentCommitment", { firstRow: group.firstRow });
        }
      }
    } else {
      const rowAgencyIds: string[] = [];
      for (const code of agencyCodes(cells.agencies)) {
        const id = agencyIds.get(code);
        if (id) rowAgencyIds.push(id);
        else problem("agencies", "unknownRecord", { value: code });
      }
      const commitment = check(commitmentInput, commitmentFieldColumns, row, problems, {
        pillarId: pillar?.id ?? unresolvedId,
        title: cells.commitment_title_en,
        titleEs: cells.commitment_title_es,
        description: cells.commitment_description_en,
        descriptionEs: cells.commitment_description_es,
        leadParty: cells.lead_party.toLowerCase(),
        agencyIds: rowAgencyIds,
        startDate: cells.commitment_start,
        targetDate: cells.commitment_target,
        sourceCitation: cells.source_citation,
      });
      if (key) {
        groups.set(key, {
          firstRow: row,
          firstCells: cells,
          pillarLabel: pillar ? String(pillar.number) : cells.pillar,
          pillar: pillar ? { id: pillar.id, number: pillar.number } : null,
          existingId: pillar ? (existingIds.get(commitmentKey(pillar.id, cells.commitment_title_en)) ?? null) : null,
          input: commitment,
          milestones: [],
        });
      }
    }

    const ownerId = cells.owner_email ? ownerIds.get(cells.owner_email.toLowerCase()) : undefined;
    if (cells.owner_email && !ownerId) problem("owner_email", "unknownRecord", { value: cells.owner_email });
    const milestone = check(milestoneInput, milestoneFieldColumns, row, problems, {
      commitmentId: unresolvedId,
      title: cells.milestone_title_en,
      titleEs: cells.milestone_title_es,
      description: cells.milestone_description_en,
      descriptionEs: cells.milestone_description_es,
      dueDate: cells.due_date,
      ownerId,
    });
    if (milestone && key) {
      const { commitmentId: _unresolved, ...fields } = milestone;
      groups.get(key)?.milestones.push(fields);
    }
  }
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || columnOrder(a.column) - columnOrder(b.column));
  return { rows: dataRows, problems, groups: [...groups.values()] };
}

/** Parses the text into rows keyed by column, or the one problem that stops reading the file. */
function readRows(csvText: string): { problem: ImportProblem } | { rows: { row: number; cells: Row }[]; dataRows: number; problems: ImportProblem[] } {
  const wholeFile = (code: string, values?: Record<string, string | number>): { problem: ImportProblem } => ({
    problem: { row: null, column: null, code, ...(values ? { values } : {}) },
  });
  if (Buffer.byteLength(csvText, "utf8") > maxImportBytes) return wholeFile("fileTooLarge", { megabytes: maxImportMegabytes });

  let records: string[][];
  try {
    records = parse(csvText, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    if (error instanceof CsvError) return wholeFile("csvMalformed", { line: Number(error.lines) || 1 });
    throw error;
  }
  const [header, ...data] = records;
  if (!header) return wholeFile("csvEmpty");

  const names = header.map((name) => formerColumnNames[name.toLowerCase()] ?? name.toLowerCase());
  const headerProblems: ImportProblem[] = [];
  names.forEach((name, index) => {
    if (!(planImportColumns as readonly string[]).includes(name)) headerProblems.push({ row: 1, column: header[index] || null, code: "unknownColumn" });
    else if (names.indexOf(name) !== index) headerProblems.push({ row: 1, column: name, code: "duplicateColumn" });
  });
  for (const column of planImportColumns) {
    if (!names.includes(column) && !optionalColumns.has(column)) headerProblems.push({ row: 1, column, code: "missingColumn" });
  }
  if (headerProblems.length > 0) return { rows: [], dataRows: data.length, problems: headerProblems };
  if (data.length === 0) return wholeFile("noDataRows");
  if (data.length > maxImportRows) return wholeFile("tooManyRows", { maximum: maxImportRows });

  const rows: { row: number; cells: Row }[] = [];
  const problems: ImportProblem[] = [];
  data.forEach((record, index) => {
    const row = index + 2;
    if (record.length !== names.length) {
      problems.push({ row, column: null, code: "wrongColumnCount", values: { expected: names.length, actual: record.length } });
      return;
    }
    const unstorable = names.filter((_name, index) => !isStorableText(record[index] ?? ""));
    if (unstorable.length > 0) {
      for (const column of unstorable) problems.push({ row, column, code: "unstorableText" });
      return;
    }
    const cells = Object.fromEntries(planImportColumns.map((column) => [column, record[names.indexOf(column)] ?? ""])) as Row;
    rows.push({ row, cells });
  });
  return { rows, dataRows: data.length, problems };
}

/**
 * Validates a row's part with its schema; on refusal, records each issue
 * under the CSV column of its field and answers null.
 */
function check<Schema extends z.ZodType>(
  schema: Schema,
  columns: Record<string, PlanImportColumn>,
  row: number,
  problems: ImportProblem[],
  raw: Record<string, unknown>,
): z.output<Schema> | null {
  try {
    return parseInput(schema, raw);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    for (const [field, issues] of Object.entries(error.fieldErrors)) {
      const column = columns[field.split(".")[0] ?? ""] ?? null;
      for (const issue of issues) problems.push({ row, column, code: issue.code, ...(issue.values ? { values: issue.values } : {}) });
    }
    return null;
  }
}

function agencyCodes(cell: string): string[] {
  return [
    ...new Set(
      cell
        .split(";")
        .map((code) => code.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
}

/** Whether a later row repeats the first row's value; agency lists compare as sets. */
function sameCell(column: (typeof repeatedCommitmentColumns)[number], value: string, first: string): boolean {
  if (column === "agencies") return agencyCodes(value).sort().join(";") === agencyCodes(first).sort().join(";");
  if (column === "lead_party") return value.toLowerCase() === first.toLowerCase();
  return value === first;
}

/** Problems read left to right within a row; those about no one column come first. */
const columnOrder = (column: string | null) => (column === null ? -1 : (planImportColumns as readonly string[]).indexOf(column));

const commitmentKey = (pillarId: string, title: string) => `${pillarId}\u0000${title.trim()}`;

/** The live commitments the file's rows name, by pillar and title; the oldest wins when titles repeat. */
async function existingCommitments(reader: Transaction, wanted: { pillarId: string | undefined; title: string }[]): Promise<Map<string, string>> {
  const named = wanted.filter((item): item is { pillarId: string; title: string } => !!item.pillarId && !!item.title);
  if (named.length === 0) return new Map();
  const found = await reader.commitment.findMany({
    where: { archivedAt: null, pillarId: { in: [...new Set(named.map((item) => item.pillarId))] }, title: { in: [...new Set(named.map((item) => item.title.trim()))] } },
    orderBy: { createdAt: "desc" },
    select: { id: true, pillarId: true, title: true },
  });
  // Ordered newest first, so the oldest is set last and wins.
  return new Map(found.map((commitment) => [commitmentKey(commitment.pillarId, commitment.title), commitment.id]));
}

function summarise({ rows, groups }: Analysis): ImportSummary {
  return {
    rows,
    commitmentsToCreate: groups.filter((group) => !group.existingId).length,
    commitmentsToReuse: groups.filter((group) => group.existingId).length,
    milestonesToCreate: groups.reduce((sum, group) => sum + group.milestones.length, 0),
    commitments: groups.map((group) => ({
      row: group.firstRow,
      pillar: group.pillarLabel,
      title: group.firstCells.commitment_title_en,
      reuse: !!group.existingId,
      milestones: group.milestones.length,
    })),
  };
}
