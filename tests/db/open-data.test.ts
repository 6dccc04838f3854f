import { parse } from "csv-parse/sync";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../../server/audit";
import { db } from "../../server/db/client";
import type { AssessmentState, Country } from "../../server/db/generated/enums";
import { NotFoundError } from "../../server/errors";
import { openDataDictionary, openDataResponse } from "../../server/open-data";
import type { Actor } from "../../server/permissions";
import { updatePillar } from "../../server/pillars";
import { updateUser } from "../../server/user-admin";
import { createActor, createAgency, createCommitment, createMilestone, createPillar, createRound, createUser } from "../factories";

// The open data files (/public/data) hold what the public record shows and
// nothing else, with the formula guard of the exports, the plan in both
// languages, and a dictionary entry for every column of every file.

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

let pillar: { id: string; number: number; code: string; name: string; description: string };
let reviewer: { id: string; name: string; email: string };
let agency: { id: string; name: string };
let round: { id: string; title: string };
let commitment: { id: string };
let milestone: { id: string };
let citedEvidence: { id: string };
let draftOnlyEvidence: { id: string };
let standingId: string;

const secrets = {
  draft: "Draft narrative nobody may read.",
  submitted: "Submitted narrative awaiting a manager.",
  returned: "Returned narrative to be redone.",
  returnComment: "Returned: cite the prosecution figures.",
  note: "Private note: waiting on the counterpart.",
  observationNote: "Observation note for staff only.",
  draftEvidence: "Evidence only a draft cites",
};

beforeAll(async () => {
  pillar = await createPillar();
  agency = await createAgency();
  reviewer = await createUser({ roles: ["reviewer"] });
  const staff = await createUser({ roles: ["staff"], agencyId: agency.id });
  commitment = await createCommitment({ pillarId: pillar.id, agencyIds: [agency.id] });
  // A plan text a spreadsheet would run as a formula, and its Spanish beside it.
  await db().commitment.update({ where: { id: commitment.id }, data: { title: '=HYPERLINK("http://evil.test","Click")', titleEs: "Compromiso en español" } });
  milestone = await createMilestone({ commitmentId: commitment.id, ownerId: staff.id });
  await db().milestone.update({ where: { id: milestone.id }, data: { titleEs: "Hito en español", status: "in_progress" } });
  await db().statusUpdate.create({
    data: { milestoneId: milestone.id, previousStatus: "not_started", newStatus: "in_progress", note: secrets.note, authorId: staff.id, createdAt: new Date("2023-05-01T09:00:00Z") },
  });
  round = await createRound();
  await db().assessmentRound.update({ where: { id: round.id }, data: { titleEs: "Ronda en español" } });

  // Evidence is append-only: written whole, as the app logs it.
  citedEvidence = await db().evidence.create({
    data: { commitmentId: commitment.id, title: "+Prosecutions up", kind: "dataset", publisher: "Fiscalía", summary: "Resumen escrito en español.", language: "es", shows: "advance", reliability: "official_record", authorId: staff.id },
  });
  await db().evidenceRetraction.create({ data: { evidenceId: citedEvidence.id, reason: "The figures were revised.", authorId: reviewer.id } });
  draftOnlyEvidence = await db().evidence.create({
    data: { commitmentId: commitment.id, title: secrets.draftEvidence, kind: "media_report", publisher: "A newspaper", summary: "Cited by a draft only.", shows: "neutral", reliability: "press_report", authorId: reviewer.id },
  });

  const assessment = (state: AssessmentState, narrative: string, extra: object = {}) =>
    db().assessment.create({
      data: {
        roundId: round.id,
        pillarId: pillar.id,
        kind: "independent",
        authorId: reviewer.id,
        narrative,
        state,
        ...(state === "draft" ? {} : { advances: "steady", results: "slow", submittedAt: new Date("2024-06-01T12:00:00Z") }),
        ...(state === "returned" ? { returnComment: secrets.returnComment } : {}),
        ...extra,
      },
    });
  const draft = await assessment("draft", secrets.draft);
  await db().assessmentCitation.create({ data: { assessmentId: draft.id, evidenceId: draftOnlyEvidence.id } });
  await assessment("submitted", secrets.submitted, { commitmentId: commitment.id });
  await assessment("returned", secrets.returned, { authorId: (await createUser({ roles: ["reviewer"] })).id });
  // Citations are fixed before publication: the database refuses to change those of a published assessment.
  const standing = await assessment("submitted", "-The standing verdict, written in English.");
  standingId = standing.id;
  await db().assessmentCitation.create({ data: { assessmentId: standing.id, evidenceId: citedEvidence.id } });
  await db().assessment.update({ where: { id: standing.id }, data: { state: "published", publishedAt: new Date("2024-06-03T12:00:00Z") } });
  await db().assessment.create({
    data: {
      roundId: round.id,
      pillarId: pillar.id,
      commitmentId: commitment.id,
      kind: "self_assessment",
      agencyId: agency.id,
      authorId: staff.id,
      narrative: "La opinión de la propia dependencia.",
      narrativeLanguage: "es",
      state: "published",
      advances: "limited",
      results: "none_yet",
      submittedAt: new Date("2024-06-01T12:00:00Z"),
      publishedAt: new Date("2024-06-04T12:00:00Z"),
    },
  });

  const indicator = await db().indicator.create({
    data: { pillarId: pillar.id, commitmentId: commitment.id, name: "Prosecutions", nameEs: "Procesos penales", unit: "cases", unitEs: "casos", better: "higher", baselineValue: 10, baselineDate: new Date("2020-01-01") },
  });
  await db().observation.create({
    data: { indicatorId: indicator.id, value: 14, observedOn: new Date("2023-12-31"), evidenceId: citedEvidence.id, note: secrets.observationNote, authorId: staff.id },
  });
});

afterEach(() => {
  delete process.env.PUBLIC_SITE;
});

async function fileNames(): Promise<string[]> {
  const { files } = await openDataDictionary();
  return files.flatMap((file) => [`${file.name}.csv`, `${file.name}.json`]);
}

async function csvOf(name: string): Promise<Record<string, string>[]> {
  const response = await openDataResponse(`${name}.csv`);
  return parse<Record<string, string>>(await response.text(), { columns: true, bom: true });
}

async function jsonOf(name: string): Promise<{ name: string; licence: { name: string }; lastChanged: string | null; rows: Record<string, unknown>[] }> {
  return (await (await openDataResponse(`${name}.json`)).json()) as never;
}

describe("the open data files", () => {
  it("never hold a draft, a submitted or returned assessment, a status or observation note, an email or a staff member's name", async () => {
    const everything = (await Promise.all([...(await fileNames()), "dictionary.json"].map(async (name) => (await openDataResponse(name)).text()))).join("\n");
    const users = await db().user.findMany({ select: { name: true, email: true } });
    // The reviewer's name stands on their published assessment; nobody else's name does, and no email.
    const names = users.filter((user) => user.name !== reviewer.name).map((user) => user.name);
    const found = [...Object.values(secrets), ...names, ...users.map((user) => user.email)].filter((text) => everything.includes(text));
    expect(found).toEqual([]);
    expect(everything).toContain(reviewer.name);
  });

  it("publish only the standing published assessments, the reviewer on theirs and the agency on its self-assessment", async () => {
    const rows = await csvOf("assessments");
    expect(rows.map((row) => [row.kind, row.reviewer, row.agency]).sort()).toEqual([
      ["independent", reviewer.name, ""],
      ["self_assessment", "", agency.name],
    ]);
    expect(rows.find((row) => row.kind === "independent")).toMatchObject({ id: standingId, evidenceIds: citedEvidence.id, narrativeLanguage: "en" });
    expect(rows.find((row) => row.kind === "self_assessment")).toMatchObject({ narrativeLanguage: "es", narrative: "La opinión de la propia dependencia." });
  });

  it("give the evidence the published assessments cite, with its retraction, and no other", async () => {
    const rows = await csvOf("evidence");
    expect(rows.map((row) => row.id)).toEqual([citedEvidence.id]);
    expect(rows[0]).toMatchObject({ retracted: "true", retractionReason: "The figures were revised.", language: "es", citedBy: standingId });
    const [observation] = await csvOf("observations");
    expect(observation).toMatchObject({ value: "14", observedOn: "2023-12-31", sourceEvidenceId: citedEvidence.id, sourceRetracted: "true" });
  });

  it("give each milestone's statuses with their day only", async () => {
    const rows = await csvOf("status-history");
    expect(rows).toEqual([{ id: expect.any(String), milestoneId: milestone.id, status: "in_progress", recordedOn: "2023-05-01" }]);
  });

  it("guard every CSV cell a spreadsheet would run as a formula, as the exports do, and leave JSON as written", async () => {
    const [commitmentRow] = await csvOf("commitments");
    expect(commitmentRow!.title_en).toBe('\'=HYPERLINK("http://evil.test","Click")');
    expect((await csvOf("evidence"))[0]!.title).toBe("'+Prosecutions up");
    expect((await csvOf("assessments")).find((row) => row.id === standingId)!.narrative).toBe("'-The standing verdict, written in English.");
    const json = await jsonOf("commitments");
    expect(json.rows[0]!.title_en).toBe('=HYPERLINK("http://evil.test","Click")');
  });

  it("carry the plan's texts in both languages", async () => {
    expect((await csvOf("commitments"))[0]).toMatchObject({ title_es: "Compromiso en español", description_en: "Test commitment", description_es: "" });
    expect((await csvOf("milestones"))[0]).toMatchObject({ title_es: "Hito en español" });
    expect((await csvOf("assessments"))[0]).toMatchObject({ roundTitle_es: "Ronda en español" });
    expect((await csvOf("indicators"))[0]).toMatchObject({ name_en: "Prosecutions", name_es: "Procesos penales", unit_es: "casos" });
    const pillars = await jsonOf("pillars");
    expect(pillars.rows[0]).toHaveProperty("name_es", null);
    expect(pillars.licence.name).toBe("CC BY 4.0");
  });

  it("are described column by column in the dictionary, in both languages, every column of every file", async () => {
    const dictionary = await openDataDictionary();
    expect(dictionary.files.length).toBe(8);
    expect(dictionary.lastChanged).not.toBeNull();
    for (const file of dictionary.files) {
      const described = file.columns.map((column) => column.name);
      const csvHeader = parse((await (await openDataResponse(`${file.name}.csv`)).text()).split("\n")[0]!, { bom: true })[0] as string[];
      expect(csvHeader, file.name).toEqual(described);
      const json = await jsonOf(file.name);
      for (const row of json.rows) expect(Object.keys(row), file.name).toEqual(described);
      expect(json.rows.length, `${file.name} has rows here`).toBeGreaterThan(0);
      for (const column of file.columns) {
        expect(column.description.en, `${file.name}.${column.name}`).not.toBe("");
        expect(column.description.es, `${file.name}.${column.name}`).not.toBe("");
      }
      expect(file.description.en && file.description.es).toBeTruthy();
    }
  });

  it("are streamed, cached by anyone for a minute, and not found under another name", async () => {
    const response = await openDataResponse("milestones.csv");
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.body).toBeInstanceOf(ReadableStream);
    expect((await openDataResponse("dictionary.json")).headers.get("cache-control")).toBe("public, max-age=60");
    for (const name of ["secrets.csv", "milestones.xml", "../milestones.csv", "milestones"]) expect(await failure(openDataResponse(name))).toBeInstanceOf(NotFoundError);
  });

  it("is not found anywhere with PUBLIC_SITE=off", async () => {
    process.env.PUBLIC_SITE = "off";
    expect(await failure(openDataDictionary())).toBeInstanceOf(NotFoundError);
    for (const name of ["dictionary.json", "pillars.csv", "assessments.json"]) expect(await failure(openDataResponse(name))).toBeInstanceOf(NotFoundError);
  });
});

describe("the moment each file last changed", () => {
  let admin: Actor;
  beforeAll(async () => {
    admin = await createActor(["admin"]);
  });

  /** The files whose last change `edit` moves, and whether it moves the data's last change. */
  async function filesMovedBy(edit: () => Promise<unknown>) {
    const before = await openDataDictionary();
    await edit();
    const after = await openDataDictionary();
    const moved = after.files.filter((file, index) => file.lastChanged !== before.files[index]!.lastChanged).map((file) => file.name);
    return { moved, overall: (after.lastChanged ?? "") > (before.lastChanged ?? "") };
  }

  // No data-access function edits a round or an agency yet: these edits are
  // written as the admins' edits of the plan are, the row and its audit event
  // (with the values before and after) in one transaction.
  const editRound = (before: { title: string }, after: { title: string }) => () =>
    db().$transaction(async (tx) => {
      await tx.assessmentRound.update({ where: { id: round.id }, data: after });
      await recordAudit(tx, admin, { action: "round.update", entityType: "AssessmentRound", entityId: round.id, before, after });
    });
  const editAgency = (before: { name: string } | { country: Country }, after: { name: string } | { country: Country }) => () =>
    db().$transaction(async (tx) => {
      await tx.agency.update({ where: { id: agency.id }, data: after });
      await recordAudit(tx, admin, { action: "agency.update", entityType: "Agency", entityId: agency.id, before, after });
    });

  it("moves for the assessments when a round's title is edited", async () => {
    const title = "Two-year review, renamed";
    expect(await filesMovedBy(editRound({ title: round.title }, { title }))).toEqual({ moved: ["assessments"], overall: true });
    round.title = title;
    expect((await csvOf("assessments"))[0]).toMatchObject({ roundTitle_en: title });
  });

  it("moves for the commitments and the assessments that name an agency when its name is edited", async () => {
    const name = "Renamed agency";
    expect(await filesMovedBy(editAgency({ name: agency.name }, { name }))).toEqual({ moved: ["commitments", "assessments"], overall: true });
    agency.name = name;
    expect((await csvOf("commitments"))[0]).toMatchObject({ agencies: name });
  });

  it("moves for the assessments when an admin renames a reviewer named on one", async () => {
    const name = "Renamed Reviewer";
    expect(await filesMovedBy(() => updateUser(admin, reviewer.id, { version: 1, name }))).toEqual({ moved: ["assessments"], overall: true });
    reviewer.name = name;
  });

  it("moves for every file that gives a pillar's number when an admin renumbers it", async () => {
    const renumber = () => updatePillar(admin, pillar.id, { number: 5, code: pillar.code, name: pillar.name, description: pillar.description, version: 1 });
    expect(await filesMovedBy(renumber)).toEqual({ moved: ["pillars", "commitments", "assessments", "indicators"], overall: true });
    expect((await csvOf("indicators"))[0]).toMatchObject({ pillarNumber: "5" });
  });

  it("stays when an edit changes nothing the files give", async () => {
    expect(await filesMovedBy(editAgency({ country: "mx" }, { country: "us" }))).toEqual({ moved: [], overall: false });
  });
});
