import { randomBytes } from "node:crypto";
import { stringify } from "csv-stringify/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { setCommitmentArchived } from "../../server/commitments";
import { db } from "../../server/db/client";
import { ForbiddenError, ValidationError } from "../../server/errors";
import { dryRun, importPlan, maxImportRows, planImportColumns, planImportTemplate, type PlanImportColumn } from "../../server/plan-import";
import type { Actor } from "../../server/permissions";
import { seedDemoData } from "../../scripts/lib/seed/demo";
import { actorOf, createActor } from "../factories";

type Row = Record<PlanImportColumn, string>;

let admin: Actor;

beforeAll(async () => {
  await seedDemoData();
  admin = actorOf(await db().user.findUniqueOrThrow({ where: { email: "admin@demo.local" } }));
});

const unique = () => randomBytes(4).toString("hex");

function row(overrides: Partial<Row> = {}): Row {
  return {
    pillar: "2",
    commitment_title_en: `Imported commitment ${unique()}`,
    commitment_title_es: "",
    commitment_description_en: "Train state prosecutors in the accusatorial system",
    commitment_description_es: "",
    lead_party: "joint",
    agencies: "US-INL;MX-PGR",
    commitment_start: "2026-01-01",
    commitment_target: "2027-12-31",
    source_citation: "Test plan 2026",
    milestone_title_en: `Milestone ${unique()}`,
    milestone_title_es: "",
    milestone_description_en: "First cohort",
    milestone_description_es: "",
    due_date: "2026-09-30",
    owner_email: "staff@demo.local",
    ...overrides,
  };
}

function csv(rows: Row[]): string {
  return stringify([[...planImportColumns], ...rows.map((r) => planImportColumns.map((column) => r[column]))]);
}

/** Three milestones of two commitments, one of them in pillar 5 by its code; a later row leaves its commitment's columns blank. */
function goodFile() {
  const first = row();
  const blank = { commitment_description_en: "", lead_party: "", agencies: "", commitment_start: "", commitment_target: "", source_citation: "" };
  const second = row({ pillar: "DR", lead_party: "MX", agencies: "mx-ssp", commitment_start: "", commitment_target: "", owner_email: "" });
  return [first, row({ ...first, ...blank, milestone_title_en: `Milestone ${unique()}` }), second];
}

async function planCounts() {
  const [commitments, milestones, auditEvents] = await Promise.all([db().commitment.count(), db().milestone.count(), db().auditEvent.count()]);
  return { commitments, milestones, auditEvents };
}

describe("the dry run", () => {
  it("lists each bad row's problems by row number and column, and writes nothing", async () => {
    const before = await planCounts();
    const rows = [
      row(),
      row({ due_date: "2026-02-30" }),
      row({ pillar: "9", agencies: "US-INL;XX-NONE" }),
      row({ lead_party: "both", owner_email: "nobody@demo.local" }),
      row({ milestone_title_en: "", commitment_start: "2027-01-01", commitment_target: "2026-01-01" }),
    ];
    const { problems, summary } = await dryRun(admin, csv(rows));
    expect(problems).toEqual([
      { row: 3, column: "due_date", code: "invalidDate" },
      { row: 4, column: "pillar", code: "unknownRecord", values: { value: "9" } },
      { row: 4, column: "agencies", code: "unknownRecord", values: { value: "XX-NONE" } },
      { row: 5, column: "lead_party", code: "invalidChoice" },
      { row: 5, column: "owner_email", code: "unknownRecord", values: { value: "nobody@demo.local" } },
      { row: 6, column: "commitment_target", code: "targetBeforeStart" },
      { row: 6, column: "milestone_title_en", code: "required" },
    ]);
    expect(summary).toMatchObject({ rows: 5, commitmentsToCreate: 5, commitmentsToReuse: 0 });
    expect(await planCounts()).toEqual(before);
  });

  it("summarises a good file: commitments to create and to reuse, milestones to create", async () => {
    const existing = await db().commitment.findFirstOrThrow({ where: { archivedAt: null, pillar: { number: 3 } } });
    const rows = [...goodFile(), row({ pillar: "3", commitment_title_en: existing.title })];
    const { problems, summary } = await dryRun(admin, csv(rows));
    expect(problems).toEqual([]);
    expect(summary).toMatchObject({ rows: 4, commitmentsToCreate: 2, commitmentsToReuse: 1, milestonesToCreate: 4 });
    expect(summary.commitments.find((commitment) => commitment.reuse)).toMatchObject({ row: 5, title: existing.title, milestones: 1 });
  });

  it("names a missing, unknown or repeated header column in row 1 and checks no data row", async () => {
    const text = csv([row({ due_date: "not a date" })])
      .replace("owner_email", "owner")
      .replace("agencies", "pillar");
    const { problems } = await dryRun(admin, text);
    expect(problems).toEqual(
      expect.arrayContaining([
        { row: 1, column: "owner", code: "unknownColumn" },
        { row: 1, column: "pillar", code: "duplicateColumn" },
        { row: 1, column: "agencies", code: "missingColumn" },
        { row: 1, column: "owner_email", code: "missingColumn" },
      ]),
    );
    expect(problems.every((problem) => problem.row === 1)).toBe(true);
  });

  it("refuses a file over 1 MB, over 5,000 rows, without data rows or that is not CSV", async () => {
    const big = csv([row({ commitment_description_en: "x".repeat(1024 * 1024) })]);
    expect((await dryRun(admin, big)).problems).toEqual([{ row: null, column: null, code: "fileTooLarge", values: { megabytes: 1 } }]);

    const many = csv(Array.from({ length: maxImportRows + 1 }, () => row({ commitment_title_en: "Same", milestone_title_en: "M" })));
    expect((await dryRun(admin, many)).problems).toEqual([{ row: null, column: null, code: "tooManyRows", values: { maximum: 5000 } }]);

    expect((await dryRun(admin, csv([]))).problems).toEqual([{ row: null, column: null, code: "noDataRows" }]);
    expect((await dryRun(admin, "")).problems).toEqual([{ row: null, column: null, code: "csvEmpty" }]);
    expect((await dryRun(admin, `${csv([row()])}2,"unclosed`)).problems).toEqual([
      { row: null, column: null, code: "csvMalformed", values: { line: 3 } },
    ]);
  });

  it("reports a row with the wrong number of cells, and a commitment whose rows disagree", async () => {
    const first = row();
    const agreeing = row({ ...first, lead_party: "JOINT", agencies: "mx-pgr; US-INL" });
    const text = `${csv([first, row({ ...first, lead_party: "us", agencies: "US-INL" }), agreeing])}2,too,few\n`;
    const { problems, summary } = await dryRun(admin, text);
    expect(problems).toEqual([
      { row: 3, column: "lead_party", code: "inconsistentCommitment", values: { firstRow: 2 } },
      { row: 3, column: "agencies", code: "inconsistentCommitment", values: { firstRow: 2 } },
      { row: 5, column: null, code: "wrongColumnCount", values: { expected: 16, actual: 3 } },
    ]);
    expect(summary).toMatchObject({ rows: 4, commitmentsToCreate: 1, milestonesToCreate: 3 });
  });

  it("is for admins only", async () => {
    for (const role of ["manager", "reviewer", "staff"] as const) {
      const actor = await createActor([role]);
      await expect(dryRun(actor, csv([row()]))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(importPlan(actor, csv([row()]))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(planImportTemplate(actor, templateTexts)).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

describe("the import", () => {
  it("imports nothing from a file with one bad row among good ones", async () => {
    const before = await planCounts();
    const rows = [...goodFile(), row({ due_date: "30/09/2026" }), row()];
    const refusal = await importPlan(admin, csv(rows)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ValidationError);
    expect((refusal as ValidationError).fieldErrors).toEqual({ csv: [{ code: "invalidDate", values: { row: 5, column: "due_date" } }] });
    expect(await planCounts()).toEqual(before);
  });

  it("imports a good file in full, with an audit event for every record", async () => {
    const rows = goodFile();
    const before = await planCounts();
    const result = await importPlan(admin, csv(rows));
    expect(result).toMatchObject({ commitmentsCreated: 2, commitmentsReused: 0, milestonesCreated: 3 });
    expect(await planCounts()).toEqual({
      commitments: before.commitments + 2,
      milestones: before.milestones + 3,
      auditEvents: before.auditEvents + 5,
    });

    const [first, second] = result.commitments;
    const commitment = await db().commitment.findUniqueOrThrow({
      where: { id: first!.id },
      include: { pillar: true, agencies: { include: { agency: true } }, milestones: { include: { owner: true }, orderBy: { title: "asc" } } },
    });
    expect(commitment).toMatchObject({ title: rows[0]!.commitment_title_en, leadParty: "joint", sourceCitation: "Test plan 2026" });
    expect(commitment.pillar.number).toBe(2);
    expect(commitment.startDate?.toISOString().slice(0, 10)).toBe("2026-01-01");
    expect(commitment.agencies.map(({ agency }) => agency.code).sort()).toEqual(["MX-PGR", "US-INL"]);
    expect(commitment.milestones.map((m) => m.title).sort()).toEqual([rows[0]!.milestone_title_en, rows[1]!.milestone_title_en].sort());
    expect(commitment.milestones.every((m) => m.owner?.email === "staff@demo.local" && m.status === "not_started")).toBe(true);
    expect(second).toMatchObject({ pillarNumber: 5, created: true, milestones: 1 });
    expect(await db().commitment.findUniqueOrThrow({ where: { id: second!.id } })).toMatchObject({ leadParty: "mx", startDate: null, ownerId: null });

    const events = await db().auditEvent.findMany({
      where: { actorId: admin.id, entityId: { in: [first!.id, second!.id, ...commitment.milestones.map((m) => m.id)] } },
    });
    expect(events.map((event) => event.action).sort()).toEqual(["commitment.create", "commitment.create", "milestone.create", "milestone.create"]);
  });

  it("adds the milestones of a second import of the same file to the commitments the first one created", async () => {
    const text = csv(goodFile());
    const first = await importPlan(admin, text);
    const before = await planCounts();
    const second = await importPlan(admin, text);
    expect(second).toMatchObject({ commitmentsCreated: 0, commitmentsReused: 2, milestonesCreated: 3 });
    expect(second.commitments.map((c) => c.id)).toEqual(first.commitments.map((c) => c.id));
    expect(await planCounts()).toEqual({ commitments: before.commitments, milestones: before.milestones + 3, auditEvents: before.auditEvents + 3 });
  });

  it("creates a new commitment rather than reuse an archived one of the same title", async () => {
    const text = csv([row()]);
    const [created] = (await importPlan(admin, text)).commitments;
    await setCommitmentArchived(admin, created!.id, true, { version: 1 });
    const [again] = (await importPlan(admin, text)).commitments;
    expect(again).toMatchObject({ created: true });
    expect(again!.id).not.toBe(created!.id);
  });

  it("stores each plan text in both languages, the Spanish left empty where a cell is blank", async () => {
    const rows = [
      row({ commitment_title_es: "Compromiso importado", commitment_description_es: "Capacitar a fiscales", milestone_title_es: "Primera generación" }),
    ];
    const [created] = (await importPlan(admin, csv(rows))).commitments;
    const commitment = await db().commitment.findUniqueOrThrow({ where: { id: created!.id }, include: { milestones: true } });
    expect(commitment).toMatchObject({ title: rows[0]!.commitment_title_en, titleEs: "Compromiso importado", descriptionEs: "Capacitar a fiscales" });
    expect(commitment.milestones).toMatchObject([{ title: rows[0]!.milestone_title_en, titleEs: "Primera generación", descriptionEs: null }]);
  });

  it("reads a file of the former columns, one title and description each, as English", async () => {
    const former = ["pillar", "commitment_title", "commitment_description", "lead_party", "agencies", "commitment_start", "commitment_target", "source_citation", "milestone_title", "milestone_description", "due_date", "owner_email"];
    const title = `Former columns ${unique()}`;
    const text = stringify([former, ["1", title, "About it", "us", "", "", "", "", "The milestone", "What it delivers", "2026-09-30", ""]]);
    const [created] = (await importPlan(admin, text)).commitments;
    const commitment = await db().commitment.findUniqueOrThrow({ where: { id: created!.id }, include: { milestones: true } });
    expect(commitment).toMatchObject({ title, titleEs: null, description: "About it", descriptionEs: null });
    expect(commitment.milestones).toMatchObject([{ title: "The milestone", titleEs: null, description: "What it delivers" }]);
  });

  it("offers a template whose example row passes a dry run", async () => {
    const template = await planImportTemplate(admin, templateTexts);
    expect(template.startsWith("\uFEFFpillar,commitment_title_en,commitment_title_es,")).toBe(true);
    expect(template.trim().split("\n")).toHaveLength(2);
    expect(await dryRun(admin, template)).toMatchObject({ problems: [], summary: { rows: 1, milestonesToCreate: 1 } });
  });
});

const templateTexts = {
  commitmentTitle: "Example commitment",
  commitmentDescription: "What the two governments agreed",
  sourceCitation: "Where the commitment is written",
  commitmentTitleEs: "Compromiso de ejemplo",
  commitmentDescriptionEs: "Lo que acordaron los dos gobiernos",
  milestoneTitle: "Example milestone",
  milestoneTitleEs: "Hito de ejemplo",
  milestoneDescription: "A step with a due date",
  milestoneDescriptionEs: "Un paso con fecha límite",
};
