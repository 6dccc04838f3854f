import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client";
import { ConflictError, ForbiddenError, ValidationError } from "../../server/errors";
import { getEvidence, listEvidence, logEvidence, retractEvidence } from "../../server/evidence";
import { actorOf, createAgency, createCommitment, createMilestone, createUser } from "../factories";

let commitmentId: string;
let milestoneId: string;
let agencyId: string;

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
    ];
    for (const [change, field] of cases) {
      const error = await logEvidence(reviewer, { ...valid(), ...change }).catch((e: unknown) => e);
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors)).toContain(field);
    }
    expect(await db().evidence.count({ where: { authorId: reviewer.id } })).toBe(0);
  });

  it("is retracted by a new record with a reason, once, and marked retracted in the log", async () => {
    const reviewer = actorOf(await createUser({ roles: ["reviewer"] }));
    const evidence = await logEvidence(reviewer, { ...valid(), title: "Retractable claim about ports" });
    await expect(retractEvidence(reviewer, evidence.id, { reason: " " })).rejects.toBeInstanceOf(ValidationError);
    await retractEvidence(reviewer, evidence.id, { reason: "The figure was misread." });
    await expect(retractEvidence(reviewer, evidence.id, { reason: "Again" })).rejects.toBeInstanceOf(ConflictError);
    const [listed] = await listEvidence(reviewer, { q: "retractable ports" });
    expect(listed).toMatchObject({ id: evidence.id, title: "Retractable claim about ports", retraction: { reason: "The figure was misread." } });
  });

  it("is found by words of its title or summary in English and Spanish, and filtered", async () => {
    const reviewer = actorOf(await createUser({ roles: ["reviewer"] }));
    const spanish = await logEvidence(reviewer, { ...valid(), title: "Informe sobre cárceles federales", summary: "Las cárceles federales crecieron.", shows: "neutral" });
    expect((await listEvidence(reviewer, { q: "cárcel" })).map((e) => e.id)).toContain(spanish.id);
    expect((await listEvidence(reviewer, { q: "prisons" })).length).toBeGreaterThan(0);
    const neutral = await listEvidence(reviewer, { shows: "neutral", commitment: commitmentId });
    expect(neutral.every((e) => e.shows === "neutral")).toBe(true);
    await expect(listEvidence(reviewer, { kind: "rumour" })).rejects.toBeInstanceOf(ValidationError);
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
