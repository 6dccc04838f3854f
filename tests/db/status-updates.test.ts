import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../server/errors";
import { getMilestoneForApi, listMilestones, milestoneCsvColumns } from "../../server/milestones";
import { updateMilestoneStatus } from "../../server/status-updates";
import { actorOf, createAgency, createCommitment, createMilestone, createUser } from "../factories";
import { statementsOf } from "../statements";

let agencyId: string;
let commitmentId: string;

beforeAll(async () => {
  agencyId = (await createAgency()).id;
  commitmentId = (await createCommitment({ agencyIds: [agencyId] })).id;
});

async function staffOfAgency() {
  return actorOf(await createUser({ roles: ["staff"], agencyId }));
}

async function rowsOf(milestoneId: string) {
  return {
    updates: await db().statusUpdate.count({ where: { milestoneId } }),
    audits: await db().auditEvent.count({ where: { entityId: milestoneId } }),
    milestone: await db().milestone.findUniqueOrThrow({ where: { id: milestoneId } }),
  };
}

describe("a status update", () => {
  it("records the note, moves the status and version, and writes the audit event in one go", async () => {
    const actor = await staffOfAgency();
    const milestone = await createMilestone({ commitmentId });
    const result = await updateMilestoneStatus(actor, milestone.id, { status: "in_progress", note: "Work began.", version: 1 });
    expect(result.milestone).toMatchObject({ status: "in_progress", version: 2 });
    const after = await rowsOf(milestone.id);
    expect(after.updates).toBe(1);
    expect(after.audits).toBe(1);
    expect(after.milestone).toMatchObject({ status: "in_progress", version: 2 });
    const [update] = await db().statusUpdate.findMany({ where: { milestoneId: milestone.id } });
    expect(update).toMatchObject({ previousStatus: "not_started", newStatus: "in_progress", note: "Work began.", authorId: actor.id });
  });

  it("under many parallel submissions against one version, exactly one wins and the rest conflict", async () => {
    const actor = await staffOfAgency();
    const milestone = await createMilestone({ commitmentId });
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, (_, n) => updateMilestoneStatus(actor, milestone.id, { status: "in_progress", note: `Attempt ${n}`, version: 1 })),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    const refused = attempts.filter((a): a is PromiseRejectedResult => a.status === "rejected");
    expect(refused).toHaveLength(7);
    for (const r of refused) expect(r.reason).toBeInstanceOf(ConflictError);
    expect((await rowsOf(milestone.id)).updates).toBe(1);
    const conflict = refused[0]!.reason as ConflictError;
    expect(conflict.current).toMatchObject({ version: 2, latestUpdate: { newStatus: "in_progress" } });
  });

  it("is allowed to the owner and to staff of the commitment's agency, refused to everyone else", async () => {
    const owner = actorOf(await createUser({ roles: ["staff"] }));
    const milestone = await createMilestone({ commitmentId, ownerId: owner.id });
    await expect(updateMilestoneStatus(owner, milestone.id, { status: "in_progress", note: "Owner", version: 1 })).resolves.toBeDefined();
    await expect(updateMilestoneStatus(await staffOfAgency(), milestone.id, { status: "in_progress", note: "Agency", version: 2 })).resolves.toBeDefined();
    const otherAgency = actorOf(await createUser({ roles: ["staff"], agencyId: (await createAgency()).id }));
    for (const actor of [
      otherAgency,
      actorOf(await createUser({ roles: ["reviewer"], agencyId })),
      actorOf(await createUser({ roles: ["manager"], agencyId })),
      actorOf(await createUser({ roles: ["admin"], agencyId })),
    ]) {
      await expect(updateMilestoneStatus(actor, milestone.id, { status: "delayed", note: "No", cause: "funding", version: 3 })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
    expect((await rowsOf(milestone.id)).updates).toBe(2);
  });

  it("refuses bad input with a field error and writes nothing", async () => {
    const actor = await staffOfAgency();
    const milestone = await createMilestone({ commitmentId });
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const cases: [unknown, string][] = [
      [{ status: "in_progress", note: "   ", version: 1 }, "note"],
      [{ status: "in_progress", note: "x".repeat(5001), version: 1 }, "note"],
      [{ status: "finished", note: "ok", version: 1 }, "status"],
      [{ status: "at_risk", note: "ok", version: 1 }, "cause"],
      [{ status: "in_progress", note: "ok", cause: "funding", version: 1 }, "cause"],
      [{ status: "completed", note: "ok", completedOn: future, version: 1 }, "completedOn"],
      [{ status: "completed", note: "ok", completedOn: "31/12/2020", version: 1 }, "completedOn"],
      [{ status: "in_progress", note: 42, version: 1 }, "note"],
      [{ status: "in_progress", note: "ok", version: "one" }, "version"],
      [{ status: "in_progress", note: "ok", version: true }, "version"],
      [{ status: "in_progress", note: "ok" }, "version"],
      ["not an object", "_form"],
    ];
    for (const [input, field] of cases) {
      const error = await updateMilestoneStatus(actor, milestone.id, input).catch((e: unknown) => e);
      expect(error, JSON.stringify(input).slice(0, 80)).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors)).toContain(field);
    }
    await expect(updateMilestoneStatus(actor, "../etc/passwd", { status: "in_progress", note: "ok", version: 1 })).rejects.toBeInstanceOf(ValidationError);
    await expect(updateMilestoneStatus(actor, "nosuchmilestone", { status: "in_progress", note: "ok", version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    expect(await rowsOf(milestone.id)).toMatchObject({ updates: 0, audits: 0, milestone: { version: 1, status: "not_started" } });
  });

  it("records a completion date, today by default, and clears it when the milestone reopens", async () => {
    const actor = await staffOfAgency();
    const milestone = await createMilestone({ commitmentId });
    const done = await updateMilestoneStatus(actor, milestone.id, { status: "completed", note: "Done", version: 1 });
    expect(done.milestone.completedOn).toBe(new Date().toISOString().slice(0, 10));
    await updateMilestoneStatus(actor, milestone.id, { status: "in_progress", note: "Reopened: audit found gaps", version: 2 });
    expect((await rowsOf(milestone.id)).milestone.completedOn).toBeNull();
  });

  it("is written in seven statements, the transaction's BEGIN and COMMIT included: each one is a round trip while others read the figures", async () => {
    const actor = await staffOfAgency();
    const milestone = await createMilestone({ commitmentId });
    const statements = await statementsOf(() => updateMilestoneStatus(actor, milestone.id, { status: "at_risk", cause: "funding", note: "Counted.", version: 1 }));
    expect(statements, statements.join("\n")).toHaveLength(7);
  });

  it("is refused on an archived milestone", async () => {
    const actor = await staffOfAgency();
    const milestone = await createMilestone({ commitmentId });
    await db().milestone.update({ where: { id: milestone.id }, data: { archivedAt: new Date() } });
    await expect(updateMilestoneStatus(actor, milestone.id, { status: "in_progress", note: "x", version: 1 })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("my milestones", () => {
  it("groups by urgency: overdue, due within 14 days, stale, the rest", async () => {
    const agency = await createAgency();
    const commitment = await createCommitment({ agencyIds: [agency.id] });
    const actor = actorOf(await createUser({ roles: ["staff"], agencyId: agency.id }));
    const today = "2026-06-15";
    const overdue = await createMilestone({ commitmentId: commitment.id, dueDate: new Date("2026-06-01T00:00:00Z") });
    const soon = await createMilestone({ commitmentId: commitment.id, dueDate: new Date("2026-06-29T00:00:00Z") });
    const stale = await createMilestone({ commitmentId: commitment.id, dueDate: new Date("2026-12-01T00:00:00Z") });
    await db().milestone.update({ where: { id: stale.id }, data: { createdAt: new Date("2026-01-01T00:00:00Z") } });
    const fresh = await createMilestone({ commitmentId: commitment.id, dueDate: new Date("2026-12-01T00:00:00Z") });
    await db().milestone.update({ where: { id: fresh.id }, data: { createdAt: new Date("2026-06-01T00:00:00Z") } });
    const list = await listMilestones(actor, { mine: "true", commitment: commitment.id }, today);
    expect(list.map((m) => [m.id, m.urgency])).toEqual([
      [overdue.id, "overdue"],
      [soon.id, "due_soon"],
      [stale.id, "stale"],
      [fresh.id, "rest"],
    ]);
  });

  it("puts completed and cancelled milestones with the rest, however late they were due", async () => {
    const agency = await createAgency();
    const commitment = await createCommitment({ agencyIds: [agency.id] });
    const actor = actorOf(await createUser({ roles: ["staff"], agencyId: agency.id }));
    const due = new Date("2026-06-01T00:00:00Z");
    const late = await createMilestone({ commitmentId: commitment.id, dueDate: due });
    const completed = await createMilestone({ commitmentId: commitment.id, dueDate: due });
    await db().milestone.update({ where: { id: completed.id }, data: { status: "completed", completedOn: due } });
    const cancelled = await createMilestone({ commitmentId: commitment.id, dueDate: due });
    await db().milestone.update({ where: { id: cancelled.id }, data: { status: "cancelled" } });
    const list = await listMilestones(actor, { mine: "true", commitment: commitment.id }, "2026-06-15");
    expect(Object.fromEntries(list.map((m) => [m.id, m.urgency]))).toEqual({ [late.id]: "overdue", [completed.id]: "rest", [cancelled.id]: "rest" });
    expect(list[0]!.id).toBe(late.id);
  });
});

describe("overdue, wherever a milestone appears", () => {
  it("is flagged in the list (and so its exports) and in the API's milestone, due soon too, never once closed", async () => {
    const actor = await staffOfAgency();
    const today = "2026-06-15";
    const late = await createMilestone({ commitmentId, dueDate: new Date("2026-06-14T00:00:00Z") });
    const soon = await createMilestone({ commitmentId, dueDate: new Date("2026-06-29T00:00:00Z") });
    const done = await createMilestone({ commitmentId, dueDate: new Date("2026-06-14T00:00:00Z") });
    await db().milestone.update({ where: { id: done.id }, data: { status: "completed", completedOn: new Date("2026-06-10T00:00:00Z") } });
    const listed = Object.fromEntries((await listMilestones(actor, { commitment: commitmentId }, today)).map((m) => [m.id, m.overdue]));
    expect(listed).toMatchObject({ [late.id]: true, [soon.id]: false, [done.id]: false });
    expect(milestoneCsvColumns).toContain("overdue");
    expect(await getMilestoneForApi(actor, late.id, today)).toMatchObject({ overdue: true, dueSoon: false });
    expect(await getMilestoneForApi(actor, soon.id, today)).toMatchObject({ overdue: false, dueSoon: true });
    expect(await getMilestoneForApi(actor, done.id, today)).toMatchObject({ overdue: false, dueSoon: false });
  });
});

describe("the status update input", () => {
  it("names every field's problem in one answer, the missing cause included", async () => {
    const actor = actorOf(await createUser({ roles: ["staff"], agencyId }));
    const milestone = await createMilestone({ commitmentId });
    const error = (await updateMilestoneStatus(actor, milestone.id, { status: "at_risk", note: "", version: "x" }).catch((e: unknown) => e)) as ValidationError;
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["cause", "note", "version"]);
  });
});
