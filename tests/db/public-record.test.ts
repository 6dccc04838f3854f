import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client";
import type { AssessmentState } from "../../server/db/generated/enums";
import { NotFoundError, ValidationError } from "../../server/errors";
import { publicPillar, publicPlanFigures } from "../../server/public-record";
import { createAgency, createCommitment, createEvidence, createMilestone, createPillar, createRound, createUser } from "../factories";

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

let pillar: { id: string; number: number };
let reviewer: { id: string; name: string; email: string };
let staff: { id: string; name: string; email: string };
let agency: { id: string; name: string };
let commitmentId: string;
let roundId: string;

async function assessment(options: { state: AssessmentState; narrative: string; kind?: "independent" | "self_assessment"; amendsId?: string; edition?: number }) {
  const self = options.kind === "self_assessment";
  const done = options.state !== "draft";
  return db().assessment.create({
    data: {
      roundId,
      pillarId: pillar.id,
      kind: options.kind ?? "independent",
      commitmentId: self ? commitmentId : null,
      agencyId: self ? agency.id : null,
      authorId: self ? staff.id : reviewer.id,
      narrative: options.narrative,
      state: options.state,
      amendsId: options.amendsId ?? null,
      edition: options.edition ?? 1,
      ...(done ? { advances: "steady", results: "slow", submittedAt: new Date("2024-06-01T12:00:00Z") } : {}),
      ...(options.state === "returned" ? { returnComment: "Returned: cite the prosecution figures." } : {}),
      ...(options.state === "published" ? { publishedAt: new Date("2024-06-02T12:00:00Z") } : {}),
    },
  });
}

beforeAll(async () => {
  pillar = await createPillar();
  agency = await createAgency();
  reviewer = await createUser({ roles: ["reviewer"] });
  staff = await createUser({ roles: ["staff"], agencyId: agency.id });
  commitmentId = (await createCommitment({ pillarId: pillar.id, agencyIds: [agency.id] })).id;
  const milestone = await createMilestone({ commitmentId, ownerId: staff.id, dueDate: new Date("2024-01-31T00:00:00Z") });
  await db().statusUpdate.create({
    data: { milestoneId: milestone.id, previousStatus: "not_started", newStatus: "in_progress", note: "Private note: waiting on the counterpart.", authorId: staff.id, createdAt: new Date("2023-05-01T09:00:00Z") },
  });
  await db().milestone.update({ where: { id: milestone.id }, data: { status: "in_progress" } });
  roundId = (await createRound()).id;
  await assessment({ state: "draft", narrative: "Draft narrative nobody may read." });
  await assessment({ state: "submitted", narrative: "Submitted narrative awaiting a manager." });
  await assessment({ state: "returned", narrative: "Returned narrative to be redone." });
  const replaced = await assessment({ state: "published", narrative: "First published narrative, since amended." });
  // Citations are fixed before publication: the database refuses to change those of a published assessment.
  const standing = await assessment({ state: "submitted", narrative: "The standing independent verdict.", amendsId: replaced.id, edition: 2 });
  const evidence = await createEvidence({ commitmentId });
  await db().assessmentCitation.create({ data: { assessmentId: standing.id, evidenceId: evidence.id } });
  await db().assessment.update({ where: { id: standing.id }, data: { state: "published", publishedAt: new Date("2024-06-03T12:00:00Z") } });
  await assessment({ state: "published", narrative: "The agency's own view.", kind: "self_assessment" });
});

afterEach(() => {
  delete process.env.PUBLIC_SITE;
});

describe("the public record", () => {
  it("shows a pillar's standing published assessments only, the reviewer named on theirs and a self-assessment as its agency's", async () => {
    const { rounds } = await publicPillar(pillar.number, "2025-01-01");
    expect(rounds.map((round) => round.id)).toEqual([roundId]);
    const verdicts = rounds[0]!.verdicts;
    expect(verdicts.map((verdict) => [verdict.kind, verdict.narrative, verdict.reviewer, verdict.agency])).toEqual([
      ["independent", "The standing independent verdict.", reviewer.name, null],
      ["self_assessment", "The agency's own view.", null, agency.name],
    ]);
    expect(verdicts[0]!.evidence).toHaveLength(1);
  });

  it("never carries a draft, a submitted or returned assessment, a status note, an email or a staff member's name", async () => {
    const everything = JSON.stringify(await publicPillar(pillar.number, "2025-01-01"));
    for (const secret of ["Draft narrative", "Submitted narrative", "Returned narrative", "since amended", "Returned: cite", "Private note", staff.name, staff.email, reviewer.email]) {
      expect(everything).not.toContain(secret);
    }
  });

  it("gives each milestone its statuses with the day each was recorded, and flags it overdue on the day", async () => {
    const { pillar: shown } = await publicPillar(pillar.number, "2025-01-01");
    const milestone = shown.commitments[0]!.milestones[0]!;
    expect(milestone.history).toEqual([{ id: expect.any(String), status: "in_progress", recordedAt: new Date("2023-05-01T09:00:00Z") }]);
    expect(milestone.dueFlag).toBe("overdue");
  });

  it("gives the five pillars' figures of today or of a past day, and refuses a day after today", async () => {
    const today = await publicPlanFigures({});
    expect(today.pillars.find((row) => row.number === pillar.number)).toMatchObject({ milestoneCount: 1, milestonesByStatus: { in_progress: 1 }, percentCompleted: 0, overdue: 1 });
    // The milestone was created today: a day of 2023 had none.
    const past = await publicPlanFigures({ asOf: "2023-06-01" });
    expect(past.asOf).toBe("2023-06-01");
    expect(past.pillars.find((row) => row.number === pillar.number)).toMatchObject({ milestoneCount: 0, overdue: 0 });
    expect(await failure(publicPlanFigures({ asOf: "2999-01-01" }))).toBeInstanceOf(ValidationError);
  });

  it("is not found anywhere with PUBLIC_SITE=off", async () => {
    process.env.PUBLIC_SITE = "off";
    expect(await failure(publicPlanFigures({}))).toBeInstanceOf(NotFoundError);
    expect(await failure(publicPillar(pillar.number))).toBeInstanceOf(NotFoundError);
  });
});
