import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { assessmentCsvColumns, createAssessment, listAssessments, publishAssessment, submitAssessment } from "../../server/assessments";
import { commitmentCsvColumns, listCommitments } from "../../server/commitments";
import { listResponse, pagedListResponse } from "../../server/csv";
import { db } from "../../server/db/client";
import { ForbiddenError, ValidationError } from "../../server/errors";
import { evidenceCsvColumns, listEvidence, retractEvidence, streamEvidence, type EvidencePage } from "../../server/evidence";
import { listMilestones, milestoneCsvColumns } from "../../server/milestones";
import { answerSchemas } from "../../server/openapi";
import type { Actor } from "../../server/permissions";
import { pillarRollups } from "../../server/rollups";
import { listRounds, roundCsvColumns } from "../../server/rounds";
import { listStatusUpdates, statusUpdateCsvColumns, streamStatusUpdates, type StatusUpdateListItem } from "../../server/status-updates";
import { actorOf, createActor, createAgency, createCommitment, createEvidence, createMilestone, createPillar, createRound, createUser } from "../factories";

type Row = Record<string, unknown>;

let manager: Actor;
let reviewer: Actor;
let staff: Actor;
let pillars: { id: string; number: number; code: string }[];
let milestoneIds: string[];
let formulaMilestoneId: string;
let statusUpdateCount: number;

const jsonRequest = (list: string, query = "") => new Request(`http://tracker.test/api/v1/${list}${query}`);
const csvRequest = (list: string, query = "") => new Request(`http://tracker.test/api/v1/${list}?format=csv${query ? `&${query.slice(1)}` : ""}`);

/** The rows of a CSV answer, keyed by its header, with the header itself. */
async function csvOf(response: Response) {
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  const records = parse(Buffer.from(await response.arrayBuffer()), { bom: true });
  const [header = [], ...rows] = records;
  return { header, rows: rows.map((cells) => Object.fromEntries(header.map((column, index) => [column, cells[index] ?? ""]))) };
}

/**
 * The CSV row holds every value of the JSON row, flattened: each column's
 * cell is the JSON's value, and no JSON value is left without a column.
 */
function expectSameRows(json: Row[], csv: { header: string[]; rows: Record<string, string>[] }, flatten: (row: Row) => Record<string, string>) {
  expect(csv.rows).toHaveLength(json.length);
  json.forEach((jsonRow, index) => {
    const flat = flatten(jsonRow);
    const withValues = Object.entries(flat).filter(([, value]) => value !== "").map(([column]) => column);
    expect(csv.header, `row ${index}`).toEqual(expect.arrayContaining(withValues));
    expect(csv.rows[index], `row ${index}`).toEqual(Object.fromEntries(csv.header.map((column) => [column, flat[column] ?? ""])));
  });
}

// The test's own flattening, written apart from server/csv.ts so that the two check each other.
function flatten(row: Row): Record<string, string> {
  const cells: Record<string, string> = {};
  const walk = (value: unknown, column: string, out: Record<string, string>) => {
    if (Array.isArray(value)) {
      const items = value.map((item) => {
        const itemCells: Record<string, string> = {};
        walk(item, column, itemCells);
        return itemCells;
      });
      for (const name of new Set(items.flatMap((item) => Object.keys(item)))) out[name] = items.map((item) => item[name] ?? "").join(";");
    } else if (typeof value === "object" && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        const camel = key.replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase());
        walk(inner, column ? column + camel[0]!.toUpperCase() + camel.slice(1) : key, out);
      }
    } else out[column] = typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : "";
  };
  walk(row, "", cells);
  return Object.fromEntries(Object.entries(cells).map(([column, text]) => [column, /^[=+\-@\t\r]/.test(text) ? `'${text}` : text]));
}

async function jsonOf(response: Response): Promise<Row & { data: Row[] }> {
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return (await response.json()) as Row & { data: Row[] };
}

/** Every page of a paged JSON list. */
async function allPages(read: (page: number) => Promise<Response>): Promise<Row[]> {
  const first = await jsonOf(await read(1));
  const rows = [...first.data];
  for (let page = 2; page <= (first.pageCount as number); page += 1) rows.push(...(await jsonOf(await read(page))).data);
  expect(rows).toHaveLength(first.total as number);
  return rows;
}

function expectDocumented(rows: Row[], schema: z.ZodType) {
  for (const row of rows) expect(() => schema.parse(row)).not.toThrow();
}

beforeAll(async () => {
  const agencyId = (await createAgency()).id;
  manager = await createActor(["manager"]);
  reviewer = await createActor(["reviewer"]);
  staff = actorOf(await createUser({ roles: ["staff"], agencyId }));
  pillars = [await createPillar(), await createPillar()];
  const commitments = [
    await createCommitment({ pillarId: pillars[0]!.id, agencyIds: [agencyId, (await createAgency()).id] }),
    await createCommitment({ pillarId: pillars[1]!.id }),
  ];
  const milestones = [
    await createMilestone({ commitmentId: commitments[0]!.id, ownerId: staff.id }),
    await createMilestone({ commitmentId: commitments[0]!.id, dueDate: new Date("2020-03-01T00:00:00Z") }),
    await createMilestone({ commitmentId: commitments[1]!.id }),
  ];
  const formula = await db().milestone.create({
    data: { commitmentId: commitments[1]!.id, title: '=HYPERLINK("http://evil.test","open")', description: "", dueDate: new Date("2027-06-30T00:00:00Z") },
  });
  formulaMilestoneId = formula.id;
  milestoneIds = [...milestones.map((milestone) => milestone.id), formula.id];

  // 23 updates, some sharing one instant so that only the id orders them.
  const statuses = ["in_progress", "at_risk", "delayed", "in_progress", "completed"] as const;
  const notes = ["Work began.", "@SUM(A1) looks like a formula", "+1 from the counterpart", "-2 days late", "\tindented", "Closed, with a comma"];
  const sameInstant = new Date("2024-03-01T12:00:00.000Z");
  statusUpdateCount = 23;
  for (let n = 0; n < statusUpdateCount; n += 1) {
    const status = statuses[n % statuses.length]!;
    await db().statusUpdate.create({
      data: {
        milestoneId: milestoneIds[n % milestoneIds.length]!,
        previousStatus: n === 0 ? "not_started" : statuses[(n - 1) % statuses.length]!,
        newStatus: status,
        note: notes[n % notes.length]!,
        noteLanguage: n % 3 === 0 ? "es" : "en",
        cause: status === "at_risk" || status === "delayed" ? "funding" : null,
        completedOn: status === "completed" ? new Date("2024-02-28T00:00:00Z") : null,
        authorId: staff.id,
        createdAt: n % 4 === 0 ? sameInstant : new Date(Date.UTC(2024, 0, 1 + n, 8, 30)),
      },
    });
  }

  // Evidence: dated, undated, on one day, one retracted, one on a milestone.
  const sameDay = new Date("2023-05-05T10:00:00.000Z");
  for (const [index, publishedOn] of ["2024-01-10", null, "2023-05-05", "2023-05-05", null, "2024-01-10", "2022-11-30"].entries()) {
    await db().evidence.create({
      data: {
        commitmentId: commitments[index % 2]!.id,
        milestoneId: index === 0 ? milestones[0]!.id : null,
        title: index === 3 ? "-5% in seizures" : `Evidence ${index}`,
        kind: "dataset",
        publisher: "Publisher, Inc.",
        url: index % 2 === 0 ? `https://example.org/${index}` : null,
        publishedOn: publishedOn ? new Date(`${publishedOn}T00:00:00Z`) : null,
        summary: `Summary ${index}\nover two lines`,
        shows: "advance",
        reliability: "official_record",
        authorId: reviewer.id,
        createdAt: index >= 2 && index <= 4 ? sameDay : new Date(Date.UTC(2024, 5, index + 1)),
      },
    });
  }
  const cited = await createEvidence({ commitmentId: commitments[0]!.id, publishedOn: "2023-01-01", authorId: reviewer.id });
  const retracted = await createEvidence({ commitmentId: commitments[0]!.id, authorId: reviewer.id });
  await retractEvidence(reviewer, retracted.id, { reason: "=misread figure" });

  // Assessments: one published, one self-assessment submitted, one draft the manager may not see.
  const round = await createRound({ openedById: manager.id });
  await createRound({ openedById: manager.id, periodStart: "2018-01-01", periodEnd: "2019-12-31" });
  const published = await createAssessment(reviewer, { roundId: round.id, pillarId: pillars[0]!.id, advances: "steady", results: "slow", narrative: "Verdict.", evidenceIds: [cited.id] });
  await submitAssessment(reviewer, published.id, { version: published.version });
  await publishAssessment(manager, published.id, { version: published.version + 1 });
  const self = await createAssessment(staff, { roundId: round.id, kind: "self_assessment", commitmentId: commitments[0]!.id, advances: "substantial", results: "cannot_assess", narrative: "Ours.", evidenceIds: [cited.id] });
  await submitAssessment(staff, self.id, { version: self.version });
  await createAssessment(await createActor(["reviewer"]), { roundId: round.id, pillarId: pillars[1]!.id, narrative: "Private draft" });
});

describe("the CSV of a list read whole holds the same rows and values as its JSON", () => {
  const lists = [
    { list: "pillars", read: async () => (await pillarRollups(manager, {})).pillars, columns: undefined, schema: answerSchemas.Pillar },
    { list: "commitments", read: (query: Row) => listCommitments(manager, query), columns: commitmentCsvColumns, schema: answerSchemas.CommitmentSummary },
    { list: "milestones", read: (query: Row) => listMilestones(manager, query), columns: milestoneCsvColumns, schema: answerSchemas.MilestoneListItem },
    { list: "rounds", read: () => listRounds(manager), columns: roundCsvColumns, schema: answerSchemas.RoundListItem },
    { list: "assessments", read: (query: Row) => listAssessments(manager, query), columns: assessmentCsvColumns, schema: answerSchemas.AssessmentListItem },
  ];

  for (const { list, read, columns, schema } of lists) {
    it(list, async () => {
      // The lists' row types differ; each column list was checked against its own where it is declared.
      const listed = columns as readonly never[] | undefined;
      const answer = (request: Request) => listResponse<object>(request, list, () => read(Object.fromEntries(new URL(request.url).searchParams)), listed);
      const json = (await jsonOf(await answer(jsonRequest(list)))).data;
      expect(json.length, list).toBeGreaterThan(0);
      expectDocumented(json, schema);
      const csv = await csvOf(await answer(csvRequest(list)));
      if (columns) expect(csv.header).toEqual([...columns]);
      expectSameRows(json, csv, flatten);
    });
  }

  it("with the list's filters, and readable field by field", async () => {
    const answer = (request: Request) => listResponse(request, "milestones", () => listMilestones(manager, Object.fromEntries(new URL(request.url).searchParams)), milestoneCsvColumns);
    const query = `?pillar=${pillars[0]!.code}`;
    const json = (await jsonOf(await answer(jsonRequest("milestones", query)))).data as { id: string; owner: { name: string } | null; commitment: { id: string }; pillar: { number: number } }[];
    const csv = await csvOf(await answer(csvRequest("milestones", query)));
    expect(json).toHaveLength(2);
    expect(csv.rows.map((row) => [row.id, row.commitmentId, row.pillarNumber, row.ownerName])).toEqual(
      json.map((row) => [row.id, row.commitment.id, String(row.pillar.number), row.owner?.name ?? ""]),
    );
  });

  it("joins arrays with ; and gives every status its column", async () => {
    const csv = await csvOf(await listResponse(csvRequest("commitments"), "commitments", () => listCommitments(manager, {}), commitmentCsvColumns));
    const withTwoAgencies = csv.rows.find((row) => row.agenciesCode!.includes(";"));
    expect(withTwoAgencies?.agenciesCode?.split(";")).toHaveLength(2);
    expect(csv.rows.every((row) => /^\d+$/.test(row.milestonesByStatusNotStarted!))).toBe(true);
  });

  it("is asked for with Accept: text/csv as well", async () => {
    const request = new Request("http://tracker.test/api/v1/rounds", { headers: { accept: "text/csv" } });
    const response = await listResponse(request, "rounds", () => listRounds(manager), roundCsvColumns);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="rounds-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect((await csvOf(response)).rows).toHaveLength(2);
  });
});

describe("the status history", () => {
  const answer = (request: Request, batchSize: number, pageSize: number) =>
    pagedListResponse<StatusUpdateListItem>(request, "status-updates", manager, {
      page: (actor, query) => listStatusUpdates(actor, query, { pageSize }),
      all: (actor, query) => streamStatusUpdates(actor, query, { batchSize }),
      columns: statusUpdateCsvColumns,
    });

  it("streams every update once, newest first, across several batches, in the order of the JSON pages", async () => {
    const streamed = [];
    for await (const row of streamStatusUpdates(manager, {}, { batchSize: 4 })) streamed.push(row);
    expect(streamed).toHaveLength(statusUpdateCount);
    expect(new Set(streamed.map((row) => row.id)).size).toBe(statusUpdateCount);
    const pages = await allPages((page) => answer(jsonRequest("status-updates", `?page=${page}`), 4, 5));
    expect(streamed.map((row) => row.id)).toEqual(pages.map((row) => row.id));
    const times = streamed.map((row) => row.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expectDocumented(pages, answerSchemas.StatusUpdateListItem);
  });

  it("answers the same rows and values as CSV as the JSON pages, with and without filters", async () => {
    const filters = ["", `?pillar=${pillars[0]!.number}`, `?milestone=${milestoneIds[1]}`, `?pillar=${pillars[1]!.code.toLowerCase()}&from=2024-01-05&to=2024-01-20`, "?from=2024-03-01&to=2024-03-01"];
    for (const filter of filters) {
      for (const batchSize of [3, 500]) {
        const json = await allPages((page) => answer(jsonRequest("status-updates", `${filter}${filter ? "&" : "?"}page=${page}`), batchSize, 4));
        const csv = await csvOf(await answer(csvRequest("status-updates", filter), batchSize, 4));
        expect(csv.header).toEqual([...statusUpdateCsvColumns]);
        expectSameRows(json, csv, flatten);
      }
    }
    const oneDay = await jsonOf(await answer(jsonRequest("status-updates", "?from=2024-03-01&to=2024-03-01"), 500, 50));
    expect(oneDay.total).toBe(6);
  });

  it("carries the milestone's and the commitment's Spanish titles and the language each note was written in", async () => {
    const milestone = await db().milestone.update({ where: { id: milestoneIds[2]! }, data: { titleEs: "Hito en español" } });
    await db().commitment.update({ where: { id: milestone.commitmentId }, data: { titleEs: "Compromiso en español" } });
    const written = new Map((await db().statusUpdate.findMany({ where: { milestoneId: milestoneIds[2]! } })).map((update) => [update.id, update.noteLanguage]));
    expect(new Set(written.values())).toEqual(new Set(["en", "es"]));
    const query = `?milestone=${milestoneIds[2]}`;
    const csv = await csvOf(await answer(csvRequest("status-updates", query), 500, 50));
    expect(csv.rows.length).toBeGreaterThan(1);
    for (const row of csv.rows) {
      expect(row.milestoneTitleEs).toBe("Hito en español");
      expect(row.commitmentTitleEs).toBe("Compromiso en español");
      expect(row.noteLanguage).toBe(written.get(row.id!));
    }
    const json = (await jsonOf(await answer(jsonRequest("status-updates", query), 500, 50))).data;
    expectDocumented(json, answerSchemas.StatusUpdateListItem);
    await db().milestone.update({ where: { id: milestoneIds[2]! }, data: { titleEs: null } });
    await db().commitment.update({ where: { id: milestone.commitmentId }, data: { titleEs: null } });
  });

  it("quotes cells a spreadsheet would run as formulas; the JSON keeps the text as written", async () => {
    const query = `?milestone=${formulaMilestoneId}`;
    const csv = await csvOf(await answer(csvRequest("status-updates", query), 2, 50));
    const json = (await jsonOf(await answer(jsonRequest("status-updates", query), 2, 50))).data as { note: string; milestone: { title: string } }[];
    expect(csv.rows.length).toBeGreaterThan(2);
    for (const row of csv.rows) expect(row.milestoneTitle).toBe(`'=HYPERLINK("http://evil.test","open")`);
    expect(json[0]!.milestone.title).toBe(`=HYPERLINK("http://evil.test","open")`);
    const notes = csv.rows.map((row) => row.note!);
    for (const note of notes) expect(note).not.toMatch(/^[=+\-@\t\r]/);
    const all = await csvOf(await answer(csvRequest("status-updates"), 5, 50));
    expect(all.rows.map((row) => row.note)).toEqual(expect.arrayContaining(["'@SUM(A1) looks like a formula", "'+1 from the counterpart", "'-2 days late", "'\tindented", "Closed, with a comma"]));
  });

  it("checks the reader and the filter before the first row, as the JSON does", async () => {
    const nobody = await createActor([]);
    expect(() => streamStatusUpdates(nobody, {})).toThrow(ForbiddenError);
    await expect(listStatusUpdates(nobody, {})).rejects.toBeInstanceOf(ForbiddenError);
    expect(() => streamStatusUpdates(manager, { from: "yesterday" })).toThrow(ValidationError);
    await expect(answer(csvRequest("status-updates", "?to=2024-13-01"), 5, 5)).rejects.toBeInstanceOf(ValidationError);
    await expect(answer(jsonRequest("status-updates", "?format=xlsx"), 5, 5)).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("the evidence log", () => {
  const answer = (request: Request, batchSize: number) =>
    pagedListResponse<EvidencePage["items"][number]>(request, "evidence", manager, {
      page: (actor, query) => listEvidence(actor, query, { pageSize: 2 }),
      all: (actor, query) => streamEvidence(actor, query, { batchSize }),
      columns: evidenceCsvColumns,
    });

  it("exports every matching record as CSV, not one page, in the order of the pages", async () => {
    for (const filter of ["", `?pillar=${pillars[0]!.number}`, "?from=2023-01-01&to=2023-12-31", "?q=seizures"]) {
      for (const batchSize of [1, 2, 3, 500]) {
        const json = await allPages((page) => answer(jsonRequest("evidence", `${filter}${filter ? "&" : "?"}page=${page}`), batchSize));
        expectDocumented(json, answerSchemas.EvidenceListItem);
        const csv = await csvOf(await answer(csvRequest("evidence", filter), batchSize));
        expect(csv.header).toEqual([...evidenceCsvColumns]);
        expectSameRows(json, csv, flatten);
      }
    }
    const all = await csvOf(await answer(csvRequest("evidence"), 2));
    expect(all.rows).toHaveLength(9);
    expect(all.rows.filter((row) => row.publishedOn === "").length).toBe(2);
    expect(all.rows.find((row) => row.retractionReason !== "")?.retractionReason).toBe("'=misread figure");
    expect(all.rows.find((row) => row.title!.includes("seizures"))?.title).toBe("'-5% in seizures");
  });
});
