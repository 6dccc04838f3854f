import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client";
import { ConflictError, ForbiddenError, ValidationError } from "../../server/errors";
import { evidenceChoices, getEvidence, listEvidence, logEvidence, retractEvidence } from "../../server/evidence";
import { runFormAction } from "../../server/forms";
import { errorResponse } from "../../server/http";
import { actorOf, createAgency, createCommitment, createMilestone, createPillar, createUser } from "../factories";
import { statementsOf } from "../statements";

let commitmentId: string;
let milestoneId: string;
let agencyId: string;

async function archivedMilestone(ofCommitment: string) {
  const milestone = await createMilestone({ commitmentId: ofCommitment });
  return db().milestone.update({ where: { id: milestone.id }, data: { archivedAt: new Date() } });
}

const valid = () => ({
  commitmentId,
  title: "Federal prison capacity report",
  kind: "official_document",
  publisher: "Military Review",
  url: "https://example.org/report",
  publishedOn: "2018-05-24",
  summary: "Capacity grew from 6,000 to 30,000 beds.",
  shows: "advance",
  reliability: "independent_research",
});

beforeAll(async () => {
  agencyId = (await createAgency()).id;
  commitmentId = (await createCommitment({ agencyIds: [agencyId] })).id;
  milestoneId = (await createMilestone({ commitmentId })).id;
});

describe("evidence", () => {
  it("is logged by a reviewer on any commitment, with its audit event", async () => {
    const reviewer = actorOf(await createUser({ roles: ["reviewer"] }));
    const evidence = await logEvidence(reviewer, valid());
    expect(evidence).toMatchObject({ title: "Federal prison capacity report", authorId: reviewer.id });
    expect(await db().auditEvent.count({ where: { entityId: evidence.id, action: "evidence.log" } })).toBe(1);
  });

  it("is logged by staff only on milestones of their agency, refused to managers and admins", async () => {
    const staff = actorOf(await createUser({ roles: ["staff"], agencyId }));
    await expect(logEvidence(staff, { ...valid(), milestoneId })).resolves.toBeDefined();
    await expect(logEvidence(staff, valid())).rejects.toBeInstanceOf(ForbiddenError);
    const outsider = actorOf(await createUser({ roles: ["staff"], agencyId: (await createAgency()).id }));
    await expect(logEvidence(outsider, { ...valid(), milestoneId })).rejects.toBeInstanceOf(ForbiddenError);
    for (const roles of [["manager"], ["admin"]] as const) {
      await expect(logEvidence(actorOf(await createUser({ roles: [...roles] })), valid())).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it("refuses bad input with a field error and writes nothing", async () => {
    const reviewer = actorOf(await createUser({ roles: ["reviewer"] }));
    const future = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const cases: [Record<string, unknown>, string][] = [
      [{ url: "javascript:alert(1)" }, "url"],
      [{ url: "ftp://example.org/file" }, "url"],
      [{ publishedOn: future }, "publishedOn"],
      [{ title: "" }, "title"],
      [{ summary: "x".repeat(5001) }, "summary"],
      [{ kind: "rumour" }, "kind"],
      [{ milestoneId: (await createMilestone()).id }, "milestoneId"],
      [{ milestoneId: (await archivedMilestone(commitmentId)).id }, "milestoneId"],
      [{ publishedAt: "2018-05-24" }, "publishedAt"],
    ];
    for (const [change, field] of cases) {
      const error = await logEvidence(reviewer, { ...valid(), ...change }).catch((e: unknown) => e);
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors)).toContain(field);
    }
    expect(await db().evidence.count({ where: { authorId: reviewer.id } })).toBe(0);
  });

  it("refuses a field it does not have, named in the API's answer, rather than saving the evidence without it", async () => {
    const reviewer = actorOf(await createUser({ roles: ["reviewer"] }));
    const { publishedOn, ...rest } = valid();
    const error = await logEvidence(reviewer, { ...rest, publishedAt: publishedOn }).catch((e: unknown) => e);
    const answer = errorResponse(error);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({
      error: "validation",
      fields: { publishedAt: [{ code: "unknownField", message: "There is no field “publishedAt” here; check its name." }] },
    });
    expect(await db().evidence.count({ where: { authorId: reviewer.id } })).toBe(0);
  });

  it("takes the evidence form's own fields, leaving out what Next.js adds to a form, and refuses any other", async () => {
    const reviewer = actorOf(await createUser({ roles: ["reviewer"] }));
    const form = (extra: Record<string, string>) => {
      const data = new FormData();
      for (const [key, value] of Object.entries({ ...valid(), milestoneId: "", ...extra })) data.append(key, value);
      return data;
    };
    const framework = { "$ACTION_REF_1": "", "$ACTION_1:0": '{"id":"abc","bound":null}', "$ACTION_1:1": "[]", "$ACTION_KEY": "k0" };
    expect(await runFormAction(form(framework), logEvidence, async () => reviewer)).toMatchObject({ status: "saved" });
    const refused = await runFormAction(form({ ...framework, publishedAt: "2018-05-24" }), logEvidence, async () => reviewer);
    expect(refused).toMatchObject({ status: "invalid", fieldErrors: { publishedAt: [{ code: "unknownField" }] }, values: { publishedAt: "2018-05-24" } });
    expect(await db().evidence.count({ where: { authorId: reviewer.id } })).toBe(1);
  });

  it("is retracted by a new record with a reason, once, and marked retracted in the log", async () => {
    const reviewer = actorOf(await createUser({ roles: ["reviewer"] }));
    const evidence = await logEvidence(reviewer, { ...valid(), title: "Retractable claim about ports" });
    await expect(retractEvidence(reviewer, evidence.id, { reason: " " })).rejects.toBeInstanceOf(ValidationError);
    await retractEvidence(reviewer, evidence.id, { reason: "The figure was misread." });
    await expect(retractEvidence(reviewer, evidence.id, { reason: "Again" })).rejects.toBeInstanceOf(ConflictError);
    const [listed] = (await listEvidence(reviewer, { q: "retractable ports" })).items;
    expect(listed).toMatchObject({ id: evidence.id, title: "Retractable claim about ports", retraction: { reason: "The figure was misread." } });
  });

  it("is found by words of its title or summary in English and Spanish, and filtered", async () => {
    const reviewer = actorOf(await createUser({ roles: ["reviewer"] }));
    const spanish = await logEvidence(reviewer, { ...valid(), title: "Informe sobre cárceles federales", summary: "Las cárceles federales crecieron.", shows: "neutral" });
    expect((await listEvidence(reviewer, { q: "cárcel" })).items.map((e) => e.id)).toContain(spanish.id);
    expect((await listEvidence(reviewer, { q: "prisons" })).items.length).toBeGreaterThan(0);
    const neutral = (await listEvidence(reviewer, { shows: "neutral", commitment: commitmentId })).items;
    expect(neutral.every((e) => e.shows === "neutral")).toBe(true);
    await expect(listEvidence(reviewer, { kind: "rumour" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("is searched through the GIN index of its stored words, not by reading every record", async () => {
    // The search condition as server/evidence.ts writes it.
    const plan = await db().$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      return tx.$queryRaw<{ "QUERY PLAN": string }[]>`
        EXPLAIN SELECT e.id FROM "Evidence" e WHERE e."searchDocument" @@ search_query('prisons')`;
    });
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toMatch(/Bitmap Index Scan on "Evidence_searchDocument_idx"/);
  });

  it("keeps the words of a new record's title and summary in both languages without being told", async () => {
    const reviewer = actorOf(await createUser({ roles: ["reviewer"] }));
    const evidence = await logEvidence(reviewer, { ...valid(), title: "Aduanas renovadas", summary: "Bridges reopened." });
    const [stored] = await db().$queryRaw<{ document: string }[]>`SELECT "searchDocument"::text AS document FROM "Evidence" WHERE id = ${evidence.id}`;
    expect(stored!.document).toContain("'bridg'");
    expect(stored!.document).toContain("'aduan'");
  });
});

describe("what cites a piece of evidence", () => {
  it("lists the published assessments that cite it, never a draft", async () => {
    const reviewer = actorOf(await createUser({ roles: ["reviewer"] }));
    const evidence = await logEvidence(reviewer, valid());
    const commitment = await db().commitment.findUniqueOrThrow({ where: { id: commitmentId } });
    const round = await db().assessmentRound.create({
      data: { title: "Test round", periodStart: new Date("2018-01-01"), periodEnd: new Date("2018-12-31"), openedById: reviewer.id },
    });
    const cite = { roundId: round.id, pillarId: commitment.pillarId, authorId: reviewer.id, citations: { create: { evidenceId: evidence.id } } };
    const published = await db().assessment.create({ data: { ...cite, advances: "steady", results: "slow", narrative: "Steady.", state: "submitted" } });
    await db().assessment.update({ where: { id: published.id }, data: { state: "published", publishedAt: new Date() } });
    const draft = await db().assessment.create({ data: cite });
    const citing = (await getEvidence(reviewer, evidence.id)).citations.map((c) => c.assessment.id);
    expect(citing).toEqual([published.id]);
    expect(citing).not.toContain(draft.id);
  });
});

describe("the evidence log, page by page", () => {
  it("cuts pages in the database, newest publication first and undated records last, and counts every match", async () => {
    const reviewer = actorOf(await createUser({ roles: ["reviewer"] }));
    const own = (await createCommitment()).id;
    const dates = ["2019-03-01", null, "2021-07-15", "2020-01-10", "2018-11-30"];
    for (const [index, publishedOn] of dates.entries()) {
      await logEvidence(reviewer, { ...valid(), commitmentId: own, publishedOn, title: `Paged record ${index}` });
    }
    const first = await listEvidence(reviewer, { commitment: own }, { pageSize: 2 });
    expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2, pageCount: 3 });
    expect(first.items.map((e) => e.title)).toEqual(["Paged record 2", "Paged record 3"]);
    const last = await listEvidence(reviewer, { commitment: own, page: "3" }, { pageSize: 2 });
    expect(last.items.map((e) => e.title)).toEqual(["Paged record 1"]);
    expect(last.items[0]).toMatchObject({ commitment: { id: own }, author: { name: reviewer.name }, retraction: null });
    const beyond = await listEvidence(reviewer, { commitment: own, page: "9" }, { pageSize: 2 });
    expect(beyond).toMatchObject({ items: [], total: 5, pageCount: 3 });
    expect((await listEvidence(reviewer, { commitment: own })).items).toHaveLength(5);
    for (const page of ["0", "-1", "two"]) {
      await expect(listEvidence(reviewer, { page }), page).rejects.toBeInstanceOf(ValidationError);
    }
  });

  it("is read in two statements, its count with its page's ids and then the page's records with what they show beside them", async () => {
    const reviewer = actorOf(await createUser({ roles: ["reviewer"] }));
    const own = (await createCommitment()).id;
    const milestoneId = (await createMilestone({ commitmentId: own })).id;
    for (const index of [1, 2, 3]) await logEvidence(reviewer, { ...valid(), commitmentId: own, milestoneId, title: `Counted record ${index}` });
    let page: Awaited<ReturnType<typeof listEvidence>> | undefined;
    const statements = await statementsOf(async () => (page = await listEvidence(reviewer, { commitment: own })));
    expect(statements, statements.join("\n")).toHaveLength(2);
    expect(page!.items).toHaveLength(3);
    expect(page!.items[0]).toMatchObject({ commitment: { id: own, pillar: { number: expect.any(Number) } }, milestone: { id: milestoneId }, author: { name: reviewer.name } });
  });

  it("filters by pillar number or code, kind, reliability and publication dates", async () => {
    const reviewer = actorOf(await createUser({ roles: ["reviewer"] }));
    const pillar = await createPillar();
    const own = (await createCommitment({ pillarId: pillar.id })).id;
    const early = await logEvidence(reviewer, { ...valid(), commitmentId: own, publishedOn: "2012-02-02", kind: "dataset", reliability: "official_record" });
    const late = await logEvidence(reviewer, { ...valid(), commitmentId: own, publishedOn: "2016-06-06", kind: "interview", reliability: "press_report" });
    const ids = async (filter: Record<string, string>) => (await listEvidence(reviewer, filter)).items.map((e) => e.id);
    expect(await ids({ pillar: String(pillar.number) })).toEqual([late.id, early.id]);
    expect(await ids({ pillar: pillar.code.toLowerCase() })).toEqual([late.id, early.id]);
    expect(await ids({ pillar: String(pillar.number), kind: "dataset" })).toEqual([early.id]);
    expect(await ids({ pillar: String(pillar.number), reliability: "press_report" })).toEqual([late.id]);
    expect(await ids({ commitment: own, from: "2013-01-01" })).toEqual([late.id]);
    expect(await ids({ commitment: own, to: "2013-01-01" })).toEqual([early.id]);
    expect(await ids({ commitment: own, from: "2012-02-02", to: "2016-06-06" })).toEqual([late.id, early.id]);
    expect(await ids({ commitment: own, from: "", to: "", kind: "", q: " " })).toEqual([late.id, early.id]);
    await expect(listEvidence(reviewer, { from: "2013-02-30" })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("the evidence log's count of matches", () => {
  // Records logged straight into the table: a thousand through logEvidence would take minutes.
  async function logMany(count: number, word: string) {
    const author = await createUser({ roles: ["reviewer"] });
    await db().$executeRaw`
      INSERT INTO "Evidence" (id, "commitmentId", title, kind, publisher, "publishedOn", summary, shows, reliability, "authorId")
      SELECT ${word} || n, ${commitmentId}, 'Record ' || n || ' on ' || ${word}, 'dataset', 'Publisher', DATE '2015-01-01' + n, 'Summary.',
             'neutral', 'official_record', ${author.id}
      FROM generate_series(1, ${count}::int) AS n`;
  }

  it("counts up to 1,000 and then says there are more, with a next page", async () => {
    const reviewer = actorOf(await createUser({ roles: ["reviewer"] }));
    await logMany(1001, "zanzibarite");
    const first = await listEvidence(reviewer, { q: "zanzibarite" });
    expect(first).toMatchObject({ total: 1000, moreThanTotal: true, page: 1, pageCount: 21 });
    expect(first.items.map((e) => e.id).slice(0, 2)).toEqual(["zanzibarite1001", "zanzibarite1000"]);
    const twentieth = await listEvidence(reviewer, { q: "zanzibarite", page: "20" });
    expect(twentieth).toMatchObject({ moreThanTotal: true, pageCount: 21 });
    // Past the cap, the count goes as far as the page asked for: the last record is reachable.
    const last = await listEvidence(reviewer, { q: "zanzibarite", page: "21" });
    expect(last).toMatchObject({ total: 1001, moreThanTotal: false, pageCount: 21 });
    expect(last.items.map((e) => e.id)).toEqual(["zanzibarite1"]);
  });

  it("counts exactly when no more than 1,000 match", async () => {
    const reviewer = actorOf(await createUser({ roles: ["reviewer"] }));
    await logMany(1000, "quillwort");
    expect(await listEvidence(reviewer, { q: "quillwort" })).toMatchObject({ total: 1000, moreThanTotal: false, pageCount: 20 });
  });
});

describe("what an actor may log evidence on", () => {
  it("offers staff only the live milestones of their agency's commitments and those they own", async () => {
    const agency = (await createAgency()).id;
    const staff = actorOf(await createUser({ roles: ["staff"], agencyId: agency }));
    const agencyCommitment = (await createCommitment({ agencyIds: [agency] })).id;
    const agencyMilestone = (await createMilestone({ commitmentId: agencyCommitment })).id;
    await archivedMilestone(agencyCommitment);
    const otherCommitment = (await createCommitment({ agencyIds: [(await createAgency()).id] })).id;
    const owned = (await createMilestone({ commitmentId: otherCommitment, ownerId: staff.id })).id;
    await createMilestone({ commitmentId: otherCommitment });
    // Their agency's, but with no live milestone to log on.
    await archivedMilestone((await createCommitment({ agencyIds: [agency] })).id);

    const choices = await evidenceChoices(staff);
    expect(choices.milestoneRequired).toBe(true);
    expect(choices.commitments.map((c) => [c.id, c.milestones.map((m) => m.id)])).toEqual(
      expect.arrayContaining([
        [agencyCommitment, [agencyMilestone]],
        [otherCommitment, [owned]],
      ]),
    );
    expect(choices.commitments).toHaveLength(2);
    for (const commitment of choices.commitments) {
      for (const milestone of commitment.milestones) {
        await expect(logEvidence(staff, { ...valid(), commitmentId: commitment.id, milestoneId: milestone.id })).resolves.toBeDefined();
      }
    }

    const outsider = actorOf(await createUser({ roles: ["staff"], agencyId: (await createAgency()).id }));
    expect((await evidenceChoices(outsider)).commitments).toEqual([]);
  });

  it("offers reviewers every live commitment and its live milestones, and refuses roles that may not log", async () => {
    const reviewer = actorOf(await createUser({ roles: ["reviewer"] }));
    const live = await createMilestone();
    const archivedCommitment = await createCommitment();
    await db().commitment.update({ where: { id: archivedCommitment.id }, data: { archivedAt: new Date() } });
    const choices = await evidenceChoices(reviewer);
    expect(choices.milestoneRequired).toBe(false);
    expect(choices.commitments.find((c) => c.id === live.commitmentId)?.milestones).toEqual([{ id: live.id, title: live.title, titleEs: null }]);
    expect(choices.commitments.map((c) => c.id)).not.toContain(archivedCommitment.id);
    expect(choices.commitments.length).toBe(await db().commitment.count({ where: { archivedAt: null } }));
    for (const roles of [["manager"], ["admin"]] as const) {
      await expect(evidenceChoices(actorOf(await createUser({ roles: [...roles] })))).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

describe("who may retract", () => {
  it("is the author or any reviewer, until it is retracted; the record says so", async () => {
    const author = actorOf(await createUser({ roles: ["staff"], agencyId }));
    const colleague = actorOf(await createUser({ roles: ["staff"], agencyId }));
    const reviewer = actorOf(await createUser({ roles: ["reviewer"] }));
    const manager = actorOf(await createUser({ roles: ["manager"] }));
    const evidence = await logEvidence(author, { ...valid(), milestoneId });
    expect((await getEvidence(author, evidence.id)).mayRetract).toBe(true);
    expect((await getEvidence(reviewer, evidence.id)).mayRetract).toBe(true);
    expect((await getEvidence(colleague, evidence.id)).mayRetract).toBe(false);
    expect((await getEvidence(manager, evidence.id)).mayRetract).toBe(false);
    await expect(retractEvidence(colleague, evidence.id, { reason: "Not mine to retract." })).rejects.toBeInstanceOf(ForbiddenError);
    await retractEvidence(author, evidence.id, { reason: "Wrong milestone." });
    const retracted = await getEvidence(reviewer, evidence.id);
    expect(retracted).toMatchObject({ mayRetract: false, retraction: { reason: "Wrong milestone.", author: { name: author.name } } });
  });
});
