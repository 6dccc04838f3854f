import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client";
import { updateNotificationPreferences } from "../../server/notification-preferences";
import { computeReminders } from "../../server/reminders";
import { actorOf, createActor, createAgency, createCommitment, createMilestone, createUser } from "../factories";

// The clock is the day given to computeReminders, never the wall clock.
const today = "2027-03-01";
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function remindersOf(userId: string) {
  return db().notification.findMany({ where: { recipientId: userId }, select: { kind: true, recordId: true, period: true, values: true }, orderBy: [{ kind: "asc" }, { period: "asc" }] });
}

describe("the day's reminders", () => {
  it("remind the owner and agency staff 14 and 3 days before, the day after, the managers after 30 days overdue, and the owner after 90 days without an update; three runs at once create each once", async () => {
    const agency = await createAgency();
    const commitment = await createCommitment({ agencyIds: [agency.id] });
    const owner = actorOf(await createUser({ roles: ["staff"] }));
    const agencyStaff = actorOf(await createUser({ roles: ["staff"], agencyId: agency.id }));
    const manager = await createActor(["manager"]);
    const inFourteen = await createMilestone({ commitmentId: commitment.id, ownerId: owner.id, dueDate: day("2027-03-15") });
    const inThree = await createMilestone({ commitmentId: commitment.id, ownerId: owner.id, dueDate: day("2027-03-04") });
    const yesterday = await createMilestone({ commitmentId: commitment.id, ownerId: owner.id, dueDate: day("2027-02-28") });
    const longOverdue = await createMilestone({ commitmentId: commitment.id, ownerId: owner.id, dueDate: day("2027-01-15") });
    const notYet = await createMilestone({ commitmentId: commitment.id, ownerId: owner.id, dueDate: day("2027-03-20") });
    await db().milestone.updateMany({ where: { id: { in: [inFourteen.id, inThree.id, yesterday.id, longOverdue.id, notYet.id] } }, data: { createdAt: day("2027-02-20") } });
    const stale = await createMilestone({ commitmentId: commitment.id, ownerId: owner.id, dueDate: day("2027-12-31") });
    await db().milestone.update({ where: { id: stale.id }, data: { createdAt: day("2026-11-01") } });

    await Promise.all([computeReminders(today), computeReminders(today), computeReminders(today)]);
    await computeReminders(today);

    const ofOwner = await remindersOf(owner.id);
    expect(ofOwner.map((n) => [n.kind, n.recordId, n.period])).toEqual([
      ["milestone_due_soon", inFourteen.id, "due-14:2027-03-15"],
      ["milestone_due_soon", inThree.id, "due-3:2027-03-04"],
      ["milestone_overdue", yesterday.id, "2027-02-28"],
      ["milestone_stale", stale.id, "2026-11-01"],
    ]);
    expect((await remindersOf(agencyStaff.id)).map((n) => n.kind)).toEqual(["milestone_due_soon", "milestone_due_soon", "milestone_overdue"]);
    const ofManager = await remindersOf(manager.id);
    expect(ofManager.filter((n) => n.recordId === longOverdue.id)).toEqual([
      { kind: "milestone_escalation", recordId: longOverdue.id, period: "2027-01-15", values: { title: longOverdue.title, dueDate: "2027-01-15", days: 30 } },
    ]);
  });

  it("tell the managers of an open round whose period ended with pillars not assessed", async () => {
    const manager = await createActor(["manager"]);
    await db().pillar.create({ data: { number: 5, code: "R5", name: "Pillar five", description: "Test" } });
    const round = await db().assessmentRound.create({ data: { title: "Ended round", periodStart: day("2026-01-01"), periodEnd: day("2027-02-15"), openedById: manager.id } });
    await Promise.all([computeReminders(today), computeReminders(today), computeReminders(today)]);
    expect((await remindersOf(manager.id)).filter((n) => n.recordId === round.id)).toEqual([
      expect.objectContaining({ kind: "round_period_ended", period: "2027-02-15", values: expect.objectContaining({ title: "Ended round", periodEnd: "2027-02-15" }) }),
    ]);
  });
});

describe("the day's reminders and each person's preference", () => {
  it("write nothing to whoever turned the kind off, and queue the email at once of a kind sent by email (an escalation, by default), once however many runs", async () => {
    const commitment = await createCommitment();
    const owner = actorOf(await createUser({ roles: ["staff"] }));
    const manager = await createActor(["manager"]);
    await updateNotificationPreferences(owner, { milestone_overdue: "off" });
    const overdue = await createMilestone({ commitmentId: commitment.id, ownerId: owner.id, dueDate: day("2027-02-28") });
    const longOverdue = await createMilestone({ commitmentId: commitment.id, ownerId: owner.id, dueDate: day("2027-01-10") });
    await db().milestone.updateMany({ where: { id: { in: [overdue.id, longOverdue.id] } }, data: { createdAt: day("2027-02-20") } });

    await Promise.all([computeReminders(today), computeReminders(today)]);
    await computeReminders(today);

    expect((await remindersOf(owner.id)).filter((n) => n.kind === "milestone_overdue")).toEqual([]);
    expect(await db().emailDelivery.findMany({ where: { userId: owner.id } })).toEqual([]);
    // The milestones of the tests above escalate to this manager too.
    const emails = await db().emailDelivery.findMany({ where: { userId: manager.id } });
    expect(emails).toEqual([expect.objectContaining({ kind: "notification.milestone_escalation" })]);
    expect(emails[0]!.text).toContain(`“${longOverdue.title}” has been overdue for more than 30 days (due on Jan 10, 2027).`);
  });
});

describe("the day's reminders on a large plan", () => {
  it("are written a batch per transaction, so that thousands never outlast a transaction's time limit: every one once, with its email, however many batches", async () => {
    const commitment = await createCommitment();
    const owner = actorOf(await createUser({ roles: ["staff"] }));
    const manager = await createActor(["manager"]);
    const overdue = await Promise.all(Array.from({ length: 5 }, () => createMilestone({ commitmentId: commitment.id, ownerId: owner.id, dueDate: day("2026-12-01") })));
    await db().milestone.updateMany({ where: { id: { in: overdue.map((milestone) => milestone.id) } }, data: { createdAt: day("2026-11-01") } });

    await computeReminders(today, { batchSize: 2 });
    await Promise.all([computeReminders(today, { batchSize: 2 }), computeReminders(today, { batchSize: 2 })]);

    const escalations = await db().notification.findMany({ where: { recipientId: manager.id, kind: "milestone_escalation", recordId: { in: overdue.map((milestone) => milestone.id) } } });
    expect(escalations.map((n) => n.recordId).sort()).toEqual(overdue.map((milestone) => milestone.id).sort());
    // A notification's time is its transaction's start: five in batches of two took three transactions.
    expect(new Set(escalations.map((n) => n.createdAt.getTime())).size).toBeGreaterThanOrEqual(3);
    const emails = await db().emailDelivery.findMany({ where: { userId: manager.id, kind: "notification.milestone_escalation" } });
    for (const milestone of overdue) expect(emails.filter((email) => email.text.includes(milestone.title))).toHaveLength(1);
  });

  it("come to a person in one email per kind and transaction, listing them, not one email each", async () => {
    const commitment = await createCommitment();
    const manager = await createActor(["manager"]);
    const overdue = await Promise.all(Array.from({ length: 3 }, () => createMilestone({ commitmentId: commitment.id, dueDate: day("2026-12-02") })));
    await db().milestone.updateMany({ where: { id: { in: overdue.map((milestone) => milestone.id) } }, data: { createdAt: day("2026-11-01") } });

    await computeReminders(today);

    const escalations = await db().notification.count({ where: { recipientId: manager.id, kind: "milestone_escalation" } });
    expect(escalations).toBeGreaterThanOrEqual(3);
    const emails = await db().emailDelivery.findMany({ where: { userId: manager.id, kind: "notification.milestone_escalation" } });
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toBe(`A milestone overdue for more than 30 days (managers): ${escalations} notifications`);
    for (const milestone of overdue) expect(emails[0]!.text).toContain(`“${milestone.title}” has been overdue for more than 30 days (due on Dec 2, 2026).`);
    expect(emails[0]!.link).toMatch(/\/notifications\?unread=true$/);
  });
});
