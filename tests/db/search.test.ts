import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client";
import type { AssessmentState } from "../../server/db/generated/enums";
import { ValidationError } from "../../server/errors";
import { retractEvidence } from "../../server/evidence";
import { answerSchemas } from "../../server/openapi";
import type { Actor } from "../../server/permissions";
import { search, searchResultsPerKind, type SearchResults } from "../../server/search";
import { createActor, createCommitment, createPillar, createRound } from "../factories";

let pillarId: string;
let roundId: string;
let reviewer: Actor;
let staff: Actor;

beforeAll(async () => {
  pillarId = (await createPillar()).id;
  roundId = (await createRound()).id;
  [reviewer, staff] = await Promise.all([createActor(["reviewer"]), createActor(["staff"])]);
});

/** A commitment of the test pillar with this title and description. */
function commitment(title: string, description = "") {
  return db().commitment.create({ data: { pillarId, title, description, leadParty: "joint", sourceCitation: "Test source" } });
}

async function milestone(title: string, description = "", commitmentId?: string) {
  return db().milestone.create({ data: { commitmentId: commitmentId ?? (await createCommitment({ pillarId })).id, title, description, dueDate: new Date("2027-01-31T00:00:00Z") } });
}

async function evidence(title: string, summary = "Test summary") {
  const { id: commitmentId } = await createCommitment({ pillarId });
  return db().evidence.create({
    data: { commitmentId, title, summary, kind: "media_report", publisher: "Test publisher", shows: "neutral", reliability: "press_report", authorId: reviewer.id },
  });
}

function assessment(narrative: string, author: Actor, state: AssessmentState = "submitted") {
  return db().assessment.create({ data: { roundId, pillarId, authorId: author.id, narrative, state, ...(state === "draft" ? {} : { advances: "steady", results: "slow" }) } });
}

function indicator(name: string, unit = "cases") {
  return db().indicator.create({ data: { pillarId, name, unit, better: "higher" } });
}

/** The ids found of one kind. */
function idsOf(results: SearchResults, kind: SearchResults["groups"][number]["kind"]): string[] {
  return results.groups.find((group) => group.kind === kind)!.items.map((item) => item.id);
}

/** The group of one kind. */
function group(results: SearchResults, kind: SearchResults["groups"][number]["kind"]) {
  return results.groups.find((found) => found.kind === kind)!;
}

describe("the search", () => {
  it("finds milestones, commitments, evidence, assessments and indicators by an English word in another form, grouped by kind with their pages", async () => {
    const found = {
      milestones: await milestone("Smuggling tunnels mapped"),
      commitments: await commitment("Close the routes", "Dismantle the smuggling networks of the ports."),
      evidence: await evidence("Smuggling routes closed at the crossing"),
      assessments: await assessment("Smuggling fell where the scanners were installed.", reviewer),
      indicators: await indicator("Smuggling cases prosecuted"),
    };
    const results = await search(staff, { q: "smuggled" });
    expect(results.groups.map((group) => group.kind)).toEqual(["milestones", "commitments", "evidence", "assessments", "indicators"]);
    for (const [kind, record] of Object.entries(found)) expect(idsOf(results, kind as keyof typeof found), kind).toContain(record.id);
    const hrefs = results.groups.flatMap((group) => group.items.map((item) => item.href));
    expect(hrefs).toEqual(
      expect.arrayContaining([
        `/milestones/${found.milestones.id}`,
        `/commitments/${found.commitments.id}`,
        `/evidence/${found.evidence.id}`,
        `/assessments/${found.assessments.id}`,
        `/overview#indicator-${found.indicators.id}`,
      ]),
    );
  });

  it("finds each kind by a Spanish word in another form: fronteras finds frontera", async () => {
    const found = {
      milestones: await milestone("Cruce de la frontera norte"),
      commitments: await commitment("Modernizar la frontera", "Infraestructura compartida."),
      evidence: await evidence("Informe", "La frontera recibió nuevos escáneres."),
      assessments: await assessment("La frontera avanza con lentitud.", reviewer),
      indicators: await indicator("Cruces de frontera inspeccionados", "vehículos"),
    };
    const results = await search(reviewer, { q: "fronteras" });
    for (const [kind, record] of Object.entries(found)) expect(idsOf(results, kind as keyof typeof found), kind).toContain(record.id);
  });

  it("gives each result a title and the start of its text, cut at a word when long", async () => {
    const long = `${"Extradition ".repeat(30)}ends here`;
    const record = await milestone("Extradition requests answered", long);
    const [item] = (await search(staff, { q: "extradition requests" })).groups[0].items.filter((hit) => hit.id === record.id);
    expect(item).toMatchObject({ title: "Extradition requests answered" });
    expect(item!.snippet.length).toBeLessThanOrEqual(201);
    expect(item!.snippet).toMatch(/^Extradition Extradition .*Extradition…$/);
  });

  it("lists at most ten of a kind, the best-ranked first, and counts every match", async () => {
    const { id: commitmentId } = await createCommitment({ pillarId });
    const best = await milestone("Wiretap wiretap wiretap warrants", "Wiretap oversight.", commitmentId);
    for (let index = 0; index < searchResultsPerKind + 2; index += 1) await milestone(`Warrant ${index}`, "Wiretap approvals.", commitmentId);
    const group = (await search(staff, { q: "wiretap" })).groups[0];
    expect(group.total).toBe(searchResultsPerKind + 3);
    expect(group.items).toHaveLength(searchResultsPerKind);
    expect(group.items[0]!.id).toBe(best.id);
  });

  it("answers as the OpenAPI document describes", async () => {
    await assessment("Cartel finances traced through the banks.", reviewer);
    await evidence("Cartel finances report");
    const results = await search(staff, { q: "cartel finances" });
    expect(answerSchemas.SearchResults.parse(JSON.parse(JSON.stringify(results)))).toEqual(results);
  });

  it("refuses no words, blank words and too many with a message on the q field", async () => {
    for (const [raw, code] of [[{}, "required"], [{ q: "   " }, "required"], [{ q: "w".repeat(201) }, "tooLong"]] as const) {
      const refusal = await search(staff, raw).catch((error: unknown) => error);
      expect(refusal, JSON.stringify(raw)).toBeInstanceOf(ValidationError);
      expect((refusal as ValidationError).fieldErrors).toEqual({ q: [expect.objectContaining({ code })] });
    }
  });
});

describe("what the search shows whom", () => {
  it("never shows another person's draft assessment, and shows its author their own", async () => {
    const author = await createActor(["reviewer"]);
    const draft = await assessment("Polygraph vetting of the police stalled.", author, "draft");
    expect(idsOf(await search(reviewer, { q: "polygraph" }), "assessments")).not.toContain(draft.id);
    expect(idsOf(await search(staff, { q: "polygraph" }), "assessments")).not.toContain(draft.id);
    expect(idsOf(await search(author, { q: "polygraph" }), "assessments")).toContain(draft.id);
  });

  it("shows everyone the assessments past draft: submitted, returned and published", async () => {
    const author = await createActor(["reviewer"]);
    const records = await Promise.all((["submitted", "returned"] as const).map((state) => assessment(`Judicial reform ${state}: oral trials spread.`, author, state)));
    const published = await assessment("Judicial reform published: oral trials spread.", author);
    await db().assessment.update({ where: { id: published.id }, data: { state: "published", publishedAt: new Date() } });
    expect(idsOf(await search(staff, { q: "oral trials" }), "assessments")).toEqual(expect.arrayContaining([...records, published].map((record) => record.id)));
  });

  it("leaves out archived milestones and commitments, and the milestones of an archived commitment, as their lists do", async () => {
    const archived = await commitment("Archived lighthouse programme", "Lighthouse maintenance.");
    const live = await commitment("Live lighthouse programme", "Lighthouse maintenance.");
    await db().commitment.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
    const underArchived = await milestone("Lighthouse keepers trained", "", archived.id);
    const archivedMilestone = await milestone("Lighthouse lamps replaced", "", live.id);
    const liveMilestone = await milestone("Lighthouse radios installed", "", live.id);
    await db().milestone.update({ where: { id: archivedMilestone.id }, data: { archivedAt: new Date() } });
    const results = await search(staff, { q: "lighthouse" });
    expect(idsOf(results, "commitments")).toEqual([live.id]);
    expect(idsOf(results, "milestones")).toEqual([liveMilestone.id]);
    expect(idsOf(results, "milestones")).not.toContain(underArchived.id);
  });

  it("shows retracted evidence marked retracted, as the evidence log lists it", async () => {
    const record = await evidence("Disputed seizure of precursor chemicals");
    await retractEvidence(reviewer, record.id, { reason: "The figure was misread." });
    const [item] = (await search(staff, { q: "precursor chemicals" })).groups.find((group) => group.kind === "evidence")!.items;
    expect(item).toMatchObject({ id: record.id, retracted: true });
  });

  it("is refused to no signed-in role: everyone may read the plan", async () => {
    for (const roles of [["admin"], ["manager"], ["reviewer"], ["staff"]] as const) {
      await expect(search(await createActor([...roles]), { q: "anything" })).resolves.toHaveProperty("groups");
    }
  });
});

describe("the plan in two languages", () => {
  it("finds a milestone by its Spanish title and shows each reader the title in their language, or the English marked as such", async () => {
    const word = `aduanas${Date.now().toString(36)}`;
    const translated = await db().milestone.create({
      data: { commitmentId: (await createCommitment({ pillarId })).id, title: "Customs inspection units", titleEs: `Unidades de inspección de ${word}`, description: "", dueDate: new Date("2027-01-31T00:00:00Z") },
    });
    const spanishReader = { ...reviewer, locale: "es" as const };
    const inSpanish = group(await search(spanishReader, { q: word }), "milestones");
    expect(inSpanish.items).toMatchObject([{ id: translated.id, title: `Unidades de inspección de ${word}`, titleLang: "es" }]);
    const inEnglish = group(await search(reviewer, { q: word }), "milestones");
    expect(inEnglish.items).toMatchObject([{ id: translated.id, title: "Customs inspection units", titleLang: "en" }]);

    const untranslated = await milestone(`Untranslated ${word}`);
    const fallback = group(await search(spanishReader, { q: `Untranslated ${word}` }), "milestones");
    expect(fallback.items).toMatchObject([{ id: untranslated.id, title: `Untranslated ${word}`, titleLang: "en" }]);
  });
});

describe("the search's indexes", () => {
  it("serve each kind's condition as server/search.ts writes it, not a scan of every row", async () => {
    const conditions = {
      Milestone_search_idx: `SELECT m.id FROM "Milestone" m WHERE search_document(m.title || ' ' || m.description || ' ' || COALESCE(m."titleEs", '') || ' ' || COALESCE(m."descriptionEs", '')) @@ search_query('border')`,
      Commitment_search_idx: `SELECT c.id FROM "Commitment" c WHERE search_document(c.title || ' ' || c.description || ' ' || COALESCE(c."titleEs", '') || ' ' || COALESCE(c."descriptionEs", '')) @@ search_query('border')`,
      Assessment_search_idx: `SELECT a.id FROM "Assessment" a WHERE search_document(a.narrative) @@ search_query('border')`,
      Indicator_search_idx: `SELECT i.id FROM "Indicator" i WHERE search_document(i.name || ' ' || i.unit || ' ' || COALESCE(i."nameEs", '') || ' ' || COALESCE(i."unitEs", '')) @@ search_query('border')`,
    };
    for (const [index, query] of Object.entries(conditions)) {
      const plan = await db().$transaction(async (tx) => {
        await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
        return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${query}`);
      });
      expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toContain(`Bitmap Index Scan on "${index}"`);
    }
  });
});
