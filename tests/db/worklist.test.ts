import { beforeAll, describe, expect, it } from "vitest";
import { listAssessments } from "../../server/assessments";
import { db } from "../../server/db/client";
import { listEvidence } from "../../server/evidence";
import { listMilestones } from "../../server/milestones";
import { markNotificationsRead } from "../../server/notifications";
import type { Actor } from "../../server/permissions";
import { worklist } from "../../server/worklist";
import { actorOf, createAgency, createCommitment, createEvidence, createMilestone, createPillar, createRound, createUser } from "../factories";

// Every figure of "Your work" is the length of the list its link opens, on
// the day the clock is set to: the tests set "today" and compare.
const today = "2026-06-15";
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

let pillarIds: string[];

beforeAll(async () => {
  pillarIds = [(await createPillar()).id, (await createPillar()).id];
});

async function staffOfNewAgency() {
  const agency = await createAgency();
  const actor = actorOf(await createUser({ roles: ["staff"], agencyId: agency.id }));
  return { actor, agencyId: agency.id };
}

async function assessment(options: { roundId: string; authorId: string; pillarId?: string; commitmentId?: string | null; kind?: "independent" | "self_assessment"; agencyId?: string | null; state?: "draft" | "submitted" | "returned" | "published" }) {
  return db().assessment.create({
    data: {
      roundId: options.roundId,
      authorId: options.authorId,
      pillarId: options.pillarId ?? pillarIds[0]!,
      commitmentId: options.commitmentId ?? null,
      kind: options.kind ?? "independent",
      agencyId: options.agencyId ?? null,
      state: options.state ?? "draft",
      ...(options.state === "returned" ? { returnComment: "Cite the period's figures." } : {}),
      ...(options.state === "submitted" ? { advances: "steady", results: "slow", narrative: "Steady work, slow results.", submittedAt: new Date() } : {}),
    },
  });
}

describe("a staff member's work", () => {
  it("counts their milestones overdue, due within 14 days and stale as the milestone list's urgency filters list them", async () => {
    const { actor, agencyId } = await staffOfNewAgency();
    const commitment = await createCommitment({ agencyIds: [agencyId], pillarId: pillarIds[0] });
    await createMilestone({ commitmentId: commitment.id, dueDate: day("2026-06-14") });
    await createMilestone({ commitmentId: commitment.id, dueDate: day("2026-01-01") });
    await createMilestone({ commitmentId: commitment.id, dueDate: day("2026-06-29") });
    // Due in 15 days: not yet due soon.
    const later = await createMilestone({ commitmentId: commitment.id, dueDate: day("2026-06-30") });
    await db().milestone.update({ where: { id: later.id }, data: { createdAt: day("2026-06-01") } });
    const stale = await createMilestone({ commitmentId: commitment.id, dueDate: day("2026-12-01") });
    await db().milestone.update({ where: { id: stale.id }, data: { createdAt: day("2026-03-01") } });
    const done = await createMilestone({ commitmentId: commitment.id, dueDate: day("2026-01-01") });
    await db().milestone.update({ where: { id: done.id }, data: { status: "completed", completedOn: day("2026-01-01") } });
    // Owned by the staff member, on another agency's commitment.
    await createMilestone({ ownerId: actor.id, dueDate: day("2026-05-01") });

    const work = await worklist(actor, today);
    expect(work.milestones).toEqual({ overdue: 3, dueSoon: 1, stale: 1 });
    for (const [urgency, count] of [["overdue", 3], ["due_soon", 1], ["stale", 1]] as const) {
      expect(await listMilestones(actor, { mine: "true", urgency }, today)).toHaveLength(count);
    }
  });

  it("counts, per open round, the agency's commitments without its self-assessment, and their work returned", async () => {
    const { actor, agencyId } = await staffOfNewAgency();
    const first = await createCommitment({ agencyIds: [agencyId] });
    await createCommitment({ agencyIds: [agencyId] });
    const open = await createRound();
    const closed = await createRound();
    await db().assessmentRound.update({ where: { id: closed.id }, data: { status: "closed", closedAt: new Date() } });
    await assessment({ roundId: open.id, authorId: actor.id, commitmentId: first.id, kind: "self_assessment", agencyId, state: "returned" });

    const work = await worklist(actor, today);
    const ofOpen = work.selfAssessments?.find((round) => round.roundId === open.id);
    expect(ofOpen?.count).toBe(1);
    expect(work.selfAssessments?.some((round) => round.roundId === closed.id)).toBe(false);
    expect(work.returned).toBe(1);
    expect(await listAssessments(actor, { mine: "true", state: "returned" })).toHaveLength(1);
    // What only reviewers and managers are asked to do is not on a staff member's list.
    expect(work.pillarsToAssess).toBeUndefined();
    expect(work.awaitingDecision).toBeUndefined();
    expect(work.longOverdue).toBeUndefined();
    expect(work.endedOpenRounds).toBeUndefined();
  });
});

describe("a reviewer's work", () => {
  let reviewer: Actor;

  beforeAll(async () => {
    reviewer = actorOf(await createUser({ roles: ["reviewer"] }));
  });

  it("lists every open round with the pillars they have not assessed there", async () => {
    const round = await createRound();
    await assessment({ roundId: round.id, authorId: reviewer.id, pillarId: pillarIds[0] });
    // An assessment of one commitment is not one of the whole pillar.
    const commitment = await createCommitment({ pillarId: pillarIds[1] });
    await assessment({ roundId: round.id, authorId: reviewer.id, pillarId: pillarIds[1], commitmentId: commitment.id });
    const pillars = await db().pillar.count();
    const work = await worklist(reviewer, today);
    expect(work.pillarsToAssess?.find((row) => row.roundId === round.id)?.count).toBe(pillars - 1);
    expect(work.milestones).toBeUndefined();
  });

  it("counts their returned assessments and the evidence they logged that was retracted, as the lists filter them", async () => {
    const round = await createRound();
    await assessment({ roundId: round.id, authorId: reviewer.id, pillarId: pillarIds[1], state: "returned" });
    const commitment = await createCommitment();
    const retracted = await createEvidence({ commitmentId: commitment.id, authorId: reviewer.id });
    await createEvidence({ commitmentId: commitment.id, authorId: reviewer.id });
    const other = await createUser({ roles: ["reviewer"] });
    await db().evidenceRetraction.create({ data: { evidenceId: retracted.id, reason: "Wrong commitment.", authorId: other.id } });

    const work = await worklist(reviewer, today);
    expect(work.returned).toBe(1);
    expect(work.retractedEvidence).toBe(1);
    expect((await listEvidence(reviewer, { mine: "true", retracted: "true" })).items.map((item) => item.id)).toEqual([retracted.id]);
  });

  it("lists exactly the rounds that are open, closed ones never", async () => {
    const open = await db().assessmentRound.findMany({ where: { status: "open" }, select: { id: true } });
    const work = await worklist(reviewer, today);
    expect(work.pillarsToAssess?.map((row) => row.roundId).sort()).toEqual(open.map((row) => row.id).sort());
  });
});

describe("a manager's work", () => {
  it("counts submitted assessments awaiting a decision, never their own", async () => {
    const manager = actorOf(await createUser({ roles: ["manager", "reviewer"] }));
    const before = (await worklist(manager, today)).awaitingDecision!;
    const round = await createRound();
    const reviewer = await createUser({ roles: ["reviewer"] });
    await assessment({ roundId: round.id, authorId: reviewer.id, state: "submitted" });
    await assessment({ roundId: round.id, authorId: manager.id, pillarId: pillarIds[1], state: "submitted" });
    expect((await worklist(manager, today)).awaitingDecision).toBe(before + 1);
  });

  it("counts milestones overdue for more than 30 days by pillar, as the milestone list filters them", async () => {
    const manager = actorOf(await createUser({ roles: ["manager"] }));
    const pillar = await db().pillar.findUniqueOrThrow({ where: { id: pillarIds[1]! } });
    const before = (await worklist(manager, today)).longOverdue?.find((row) => row.pillarNumber === pillar.number)?.count ?? 0;
    const commitment = await createCommitment({ pillarId: pillar.id });
    // 31 days overdue counts; exactly 30 does not.
    await createMilestone({ commitmentId: commitment.id, dueDate: day("2026-05-15") });
    await createMilestone({ commitmentId: commitment.id, dueDate: day("2026-05-16") });
    const work = await worklist(manager, today);
    const row = work.longOverdue?.find((entry) => entry.pillarNumber === pillar.number);
    expect(row?.count).toBe(before + 1);
    expect(await listMilestones(manager, { pillar: String(pillar.number), overdueDays: "30" }, today)).toHaveLength(row!.count);
  });

  it("lists the open rounds whose period has ended", async () => {
    const manager = actorOf(await createUser({ roles: ["manager"] }));
    const ended = await createRound({ periodEnd: "2026-06-14" });
    const current = await createRound({ periodEnd: "2026-06-15" });
    const rounds = (await worklist(manager, today)).endedOpenRounds!.map((round) => round.id);
    expect(rounds).toContain(ended.id);
    expect(rounds).not.toContain(current.id);
  });
});

describe("everyone's work: what is new in what they follow", () => {
  it("lists the unread changes in what they follow, newest first, and drops one once it is read; other notifications are not listed", async () => {
    const user = await createUser({ roles: ["reviewer"] });
    const actor = actorOf(user);
    const notification = (recordId: string, kind: "followed_change" | "round_opened", createdAt: string, readAt: string | null = null) => ({
      recipientId: user.id,
      kind,
      recordType: "StatusUpdate",
      recordId,
      values: { change: "statusUpdate", milestone: `Milestone ${recordId}`, status: "delayed", author: "Someone" },
      link: "/milestones/x",
      createdAt: new Date(createdAt),
      readAt: readAt ? new Date(readAt) : null,
    });
    await db().notification.createMany({
      data: [
        notification("older", "followed_change", "2026-06-10T08:00:00Z"),
        notification("newer", "followed_change", "2026-06-12T08:00:00Z"),
        notification("seen", "followed_change", "2026-06-13T08:00:00Z", "2026-06-13T09:00:00Z"),
        notification("round", "round_opened", "2026-06-14T08:00:00Z"),
      ],
    });

    const work = await worklist(actor, today);
    expect(work.followedChanges?.unread).toBe(2);
    expect(work.followedChanges?.latest.map((change) => change.values.milestone)).toEqual(["Milestone newer", "Milestone older"]);

    await markNotificationsRead(actor, { ids: [work.followedChanges!.latest[0]!.id] });
    const after = await worklist(actor, today);
    expect(after.followedChanges?.unread).toBe(1);
    expect(after.followedChanges?.latest.map((change) => change.values.milestone)).toEqual(["Milestone older"]);
  });
});
