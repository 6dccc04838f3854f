import { beforeAll, describe, expect, it } from "vitest";
import { publishAssessment, returnAssessment, submitAssessment } from "../../server/assessments";
import { db } from "../../server/db/client";
import { ConflictError, NotFoundError, ValidationError } from "../../server/errors";
import { logEvidence } from "../../server/evidence";
import { follow, followState, unfollow } from "../../server/follows";
import { getNotificationPreferences, updateNotificationPreferences } from "../../server/notification-preferences";
import { listNotifications, markNotificationsRead, notifyRoundOpened, openNotification, unreadCount } from "../../server/notifications";
import { notificationText, readerIn, type NotificationValues } from "../../server/notification-text";
import type { Actor } from "../../server/permissions";
import { openRound } from "../../server/rounds";
import { updateMilestoneStatus } from "../../server/status-updates";
import { actorOf, createActor, createAgency, createCommitment, createEvidence, createMilestone, createPillar, createRound, createUser } from "../factories";

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

async function inbox(userId: string) {
  return db().notification.findMany({ where: { recipientId: userId }, orderBy: { createdAt: "asc" } });
}

let pillarId: string;
let agencyId: string;
let commitmentId: string;

beforeAll(async () => {
  pillarId = (await createPillar()).id;
  agencyId = (await createAgency()).id;
  commitmentId = (await createCommitment({ pillarId, agencyIds: [agencyId] })).id;
});

describe("a round opened", () => {
  it("tells reviewers and the staff of agencies with commitments, not the manager who opened it, other managers or staff of agencies without one", async () => {
    const manager = await createActor(["manager"]);
    const otherManager = await createActor(["manager"]);
    const reviewer = await createActor(["reviewer"]);
    const staff = actorOf(await createUser({ roles: ["staff"], agencyId }));
    const idleStaff = actorOf(await createUser({ roles: ["staff"], agencyId: (await createAgency()).id }));
    const round = await openRound(manager, { title: "Spring review", periodStart: "2025-01-01", periodEnd: "2025-12-31" });
    for (const person of [reviewer, staff]) {
      expect(await inbox(person.id)).toEqual([
        expect.objectContaining({ kind: "round_opened", recordType: "AssessmentRound", recordId: round.id, link: `/rounds/${round.id}`, values: { title: "Spring review", periodEnd: "2025-12-31" } }),
      ]);
    }
    for (const person of [manager, otherManager, idleStaff]) expect(await inbox(person.id)).toEqual([]);
  });

  it("rolled back with the change that caused it, notifies no one", async () => {
    const reviewer = await createActor(["reviewer"]);
    const manager = await createActor(["manager"]);
    const round = await createRound({ openedById: manager.id });
    const rolledBack = db().$transaction(async (tx) => {
      await notifyRoundOpened(tx, manager, { id: round.id, title: round.title, periodEnd: "2025-12-31" });
      throw new Error("the change failed after its notification was written");
    });
    await expect(rolledBack).rejects.toThrow("the change failed");
    expect(await inbox(reviewer.id)).toEqual([]);
  });
});

describe("the ledger", () => {
  it("creates each notification once, however many processes make it at the same time", async () => {
    const reviewer = await createActor(["reviewer"]);
    const manager = await createActor(["manager"]);
    const round = await createRound({ openedById: manager.id });
    await Promise.all(
      Array.from({ length: 3 }, () => db().$transaction((tx) => notifyRoundOpened(tx, manager, { id: round.id, title: round.title, periodEnd: "2025-12-31" }))),
    );
    await db().$transaction((tx) => notifyRoundOpened(tx, manager, { id: round.id, title: round.title, periodEnd: "2025-12-31" }));
    expect(await db().notification.count({ where: { recipientId: reviewer.id, recordId: round.id } })).toBe(1);
  });

  it("tells no deactivated account", async () => {
    const inactive = await createUser({ roles: ["reviewer"], active: false });
    await openRound(await createActor(["manager"]), { title: "Quiet round", periodStart: "2025-01-01", periodEnd: "2025-12-31" });
    expect(await inbox(inactive.id)).toEqual([]);
  });
});

/** A complete draft of the reviewer's in an open round, ready to submit. */
async function readyDraft(reviewer: Actor) {
  const round = await createRound();
  const evidence = await createEvidence({ commitmentId });
  const assessment = await db().assessment.create({
    data: { roundId: round.id, pillarId, authorId: reviewer.id, advances: "steady", results: "slow", narrative: "Training advanced.", citations: { create: [{ evidenceId: evidence.id }] } },
  });
  return assessment.id;
}

describe("an assessment's steps", () => {
  it("submitted → the managers; returned → its author with the comment; resubmitted and published → its author and the pillar's followers", async () => {
    const reviewer = await createActor(["reviewer"]);
    const manager = await createActor(["manager"]);
    const follower = await createActor(["staff"]);
    await follow(follower, { targetType: "pillar", targetId: pillarId });
    const id = await readyDraft(reviewer);

    await submitAssessment(reviewer, id, { version: 1 });
    expect(await inbox(manager.id)).toEqual([expect.objectContaining({ kind: "assessment_submitted", recordId: id, period: "2", link: `/assessments/${id}` })]);
    expect(await inbox(reviewer.id)).toEqual([]);

    await returnAssessment(manager, id, { version: 2, comment: "Cite the 2024 audit." });
    expect(await inbox(reviewer.id)).toEqual([expect.objectContaining({ kind: "assessment_returned", values: expect.objectContaining({ comment: "Cite the 2024 audit." }) })]);

    await submitAssessment(reviewer, id, { version: 3 });
    expect((await inbox(manager.id)).map((n) => [n.kind, n.period])).toEqual([["assessment_submitted", "2"], ["assessment_submitted", "4"]]);
    await publishAssessment(manager, id, { version: 4 });
    expect((await inbox(reviewer.id)).map((n) => n.kind)).toEqual(["assessment_returned", "assessment_published"]);
    expect(await inbox(follower.id)).toEqual([expect.objectContaining({ kind: "followed_change", recordType: "Assessment", values: expect.objectContaining({ change: "assessment" }) })]);
  });
});

describe("follows", () => {
  it("a status update tells the milestone's owner and its agency's staff by default, and whoever follows it, never its author", async () => {
    const owner = actorOf(await createUser({ roles: ["staff"] }));
    const agencyStaff = actorOf(await createUser({ roles: ["staff"], agencyId }));
    const author = actorOf(await createUser({ roles: ["staff"], agencyId }));
    const reader = await createActor(["reviewer"]);
    const bystander = await createActor(["reviewer"]);
    const milestone = await createMilestone({ commitmentId, ownerId: owner.id });
    await follow(reader, { targetType: "milestone", targetId: milestone.id });

    const { statusUpdate } = await updateMilestoneStatus(author, milestone.id, { status: "in_progress", note: "Work began.", version: 1 });
    for (const person of [owner, agencyStaff, reader]) {
      expect(await inbox(person.id)).toEqual([
        expect.objectContaining({ kind: "followed_change", recordType: "StatusUpdate", recordId: statusUpdate.id, link: `/milestones/${milestone.id}`, values: expect.objectContaining({ change: "statusUpdate", status: "in_progress" }) }),
      ]);
    }
    for (const person of [author, bystander]) expect(await inbox(person.id)).toEqual([]);
  });

  it("an owner who unfollows hears no more of it; following again, and following the commitment, bring it back once", async () => {
    const owner = actorOf(await createUser({ roles: ["staff"] }));
    const author = actorOf(await createUser({ roles: ["staff"], agencyId }));
    const milestone = await createMilestone({ commitmentId, ownerId: owner.id });
    expect(await followState(owner, "milestone", milestone.id)).toMatchObject({ following: true, byDefault: true });

    await unfollow(owner, { targetType: "milestone", targetId: milestone.id });
    expect(await followState(owner, "milestone", milestone.id)).toMatchObject({ following: false, byDefault: true });
    await updateMilestoneStatus(author, milestone.id, { status: "in_progress", note: "Started.", version: 1 });
    expect(await inbox(owner.id)).toEqual([]);

    await follow(owner, { targetType: "milestone", targetId: milestone.id });
    await follow(owner, { targetType: "commitment", targetId: commitmentId });
    await updateMilestoneStatus(author, milestone.id, { status: "at_risk", cause: "funding", note: "Funds late.", version: 2 });
    expect(await inbox(owner.id)).toHaveLength(1);
    expect(await db().auditEvent.count({ where: { actorId: owner.id, action: { in: ["follow.add", "follow.remove"] } } })).toBe(3);
  });

  it("evidence on a followed commitment tells its followers", async () => {
    const follower = await createActor(["manager"]);
    const reviewer = await createActor(["reviewer"]);
    const other = await createCommitment({ pillarId });
    await follow(follower, { targetType: "commitment", targetId: other.id });
    const evidence = await logEvidence(reviewer, { commitmentId: other.id, title: "Audit report", kind: "official_document", publisher: "Auditor", summary: "Found progress.", shows: "advance", reliability: "official_record" });
    expect(await inbox(follower.id)).toEqual([expect.objectContaining({ recordType: "Evidence", recordId: evidence.id, link: `/evidence/${evidence.id}`, values: expect.objectContaining({ title: "Audit report" }) })]);
  });

  it("a stale status update notifies no one", async () => {
    const follower = await createActor(["reviewer"]);
    const author = actorOf(await createUser({ roles: ["staff"], agencyId }));
    const milestone = await createMilestone({ commitmentId });
    await follow(follower, { targetType: "milestone", targetId: milestone.id });
    await updateMilestoneStatus(author, milestone.id, { status: "in_progress", note: "First.", version: 1 });
    expect(await failure(updateMilestoneStatus(author, milestone.id, { status: "delayed", cause: "funding", note: "Second.", version: 1 }))).toBeInstanceOf(ConflictError);
    expect(await inbox(follower.id)).toHaveLength(1);
  });

  it("of a record that does not exist is refused", async () => {
    const person = await createActor(["reviewer"]);
    expect(await failure(follow(person, { targetType: "pillar", targetId: "no-such-pillar" }))).toBeInstanceOf(NotFoundError);
    expect(await failure(follow(person, { targetType: "indicator", targetId: pillarId }))).toBeInstanceOf(ValidationError);
  });
});

describe("the inbox", () => {
  async function personWithNotifications(count: number) {
    const person = await createActor(["reviewer"]);
    const manager = await createActor(["manager"]);
    for (let n = 0; n < count; n++) {
      const round = await createRound({ openedById: manager.id });
      await db().$transaction((tx) => notifyRoundOpened(tx, manager, { id: round.id, title: `Round ${n}`, periodEnd: "2025-12-31" }));
    }
    return person;
  }

  it("counts the unread, lists them newest first in pages, and marks the person's own read, one or all", async () => {
    const person = await personWithNotifications(3);
    const stranger = await createActor(["staff"]);
    expect(await unreadCount(person)).toBe(3);
    const first = await listNotifications(person, { page: "1" }, { pageSize: 2 });
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2, pageCount: 2 });
    expect(first.items.map((n) => n.values.title)).toEqual(["Round 2", "Round 1"]);

    expect(await markNotificationsRead(stranger, { ids: [first.items[0]!.id] })).toEqual({ marked: 0 });
    expect(await markNotificationsRead(person, { ids: first.items[0]!.id })).toEqual({ marked: 1 });
    expect(await unreadCount(person)).toBe(2);
    expect((await listNotifications(person, { unread: "true" })).items.map((n) => n.values.title)).toEqual(["Round 1", "Round 0"]);
    expect(await markNotificationsRead(person, { all: "true" })).toEqual({ marked: 2 });
    expect(await unreadCount(person)).toBe(0);
    expect((await listNotifications(person, {})).total).toBe(3);
  });

  it("opens a notification: marks it read and answers its link; another's is not found", async () => {
    const person = await personWithNotifications(1);
    const [notification] = (await listNotifications(person, {})).items;
    expect(await openNotification(person, notification!.id)).toEqual({ marked: 1, link: notification!.link });
    expect(await failure(openNotification(await createActor(["reviewer"]), notification!.id))).toBeInstanceOf(NotFoundError);
  });

  it("refuses a mark with neither ids nor all, or with both", async () => {
    const person = await createActor(["reviewer"]);
    expect(await failure(markNotificationsRead(person, {}))).toBeInstanceOf(ValidationError);
    expect(await failure(markNotificationsRead(person, { ids: ["a"], all: true }))).toBeInstanceOf(ValidationError);
  });
});

describe("preferences", () => {
  it("start at the design's defaults and keep each kind's choice, with an audit event", async () => {
    const person = await createActor(["reviewer"]);
    const defaults = Object.fromEntries((await getNotificationPreferences(person)).map((p) => [p.kind, p.delivery]));
    expect(defaults).toMatchObject({ round_opened: "email", assessment_returned: "email", assessment_published: "email", milestone_escalation: "email", followed_change: "digest", milestone_due_soon: "app" });
    const after = await updateNotificationPreferences(person, { round_opened: "off", followed_change: "email" });
    expect(after.find((p) => p.kind === "round_opened")).toEqual({ kind: "round_opened", delivery: "off", isDefault: false });
    expect(after.find((p) => p.kind === "milestone_due_soon")).toEqual({ kind: "milestone_due_soon", delivery: "app", isDefault: true });
    expect(await db().auditEvent.count({ where: { actorId: person.id, action: "notification.preferences.update" } })).toBe(1);
    expect(await failure(updateNotificationPreferences(person, { round_opened: "sometimes" }))).toBeInstanceOf(ValidationError);
  });
});

describe("a notification of a plan record", () => {
  it("names the record in its reader's language, in English where the plan has no Spanish yet", async () => {
    const owner = actorOf(await createUser({ roles: ["staff"] }));
    const author = actorOf(await createUser({ roles: ["staff"], agencyId }));
    const reviewer = await createActor(["reviewer"]);
    const created = await createMilestone({ commitmentId, ownerId: owner.id });
    const milestone = await db().milestone.update({ where: { id: created.id }, data: { titleEs: `Hito ${created.id}` } });
    const untranslated = await createMilestone({ commitmentId, ownerId: owner.id });
    const commitment = await db().commitment.update({ where: { id: commitmentId }, data: { titleEs: "Compromiso traducido" } });

    await updateMilestoneStatus(author, milestone.id, { status: "in_progress", note: "Work began.", version: 1 });
    await updateMilestoneStatus(author, untranslated.id, { status: "in_progress", note: "Work began.", version: 1 });
    await follow(owner, { targetType: "commitment", targetId: commitmentId });
    await logEvidence(reviewer, { commitmentId, title: "Audit report", kind: "official_document", publisher: "Auditor", summary: "Found progress.", shows: "advance", reliability: "official_record" });

    const [translated, english, evidence] = await inbox(owner.id);
    const text = (locale: "en" | "es", notification: typeof translated) => {
      const reader = readerIn(locale);
      return notificationText(reader, { kind: notification!.kind, values: notification!.values as NotificationValues });
    };
    expect(text("es", translated)).toContain(milestone.titleEs);
    expect(text("es", translated)).not.toContain(milestone.title);
    expect(text("en", translated)).toContain(milestone.title);
    expect(text("es", english)).toContain(untranslated.title);
    expect(text("es", evidence)).toContain("Compromiso traducido");
    expect(text("en", evidence)).toContain(commitment.title);
    await db().commitment.update({ where: { id: commitmentId }, data: { titleEs: null } });
  });
});
