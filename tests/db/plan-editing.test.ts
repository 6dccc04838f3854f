import { beforeAll, describe, expect, it } from "vitest";
import { createCommitment, getCommitment, setCommitmentArchived, updateCommitment } from "../../server/commitments";
import { db } from "../../server/db/client";
import { ConflictError, ForbiddenError, type ValidationError } from "../../server/errors";
import { createMilestone, setMilestoneArchived, updateMilestone } from "../../server/milestones";
import type { Actor } from "../../server/permissions";
import { createPillar, listPillars, updatePillar } from "../../server/pillars";
import { getPlanForAdmin } from "../../server/plan-admin";
import * as factories from "../factories";

let admin: Actor;
let others: Actor[];

beforeAll(async () => {
  admin = await factories.createActor(["admin"]);
  others = await Promise.all([factories.createActor(["manager"]), factories.createActor(["reviewer"]), factories.createActor(["staff"])]);
});

async function auditOf(entityId: string) {
  return db().auditEvent.findMany({ where: { entityId }, orderBy: { at: "asc" } });
}

describe("keeping pillars", () => {
  it("lets an admin create and edit a pillar, with an audit event for each change", async () => {
    const pillar = await createPillar(admin, { number: "4", code: "p4", name: "Resilient communities", description: "" });
    expect(pillar).toMatchObject({ number: 4, code: "P4", version: 1 });
    const edited = await updatePillar(admin, pillar.id, { number: "4", code: "P4", name: "Building resilient communities", description: "Fourth", version: "1" });
    expect(edited).toMatchObject({ name: "Building resilient communities", version: 2 });
    expect((await auditOf(pillar.id)).map((event) => [event.action, event.actorId])).toEqual([
      ["pillar.create", admin.id],
      ["pillar.update", admin.id],
    ]);
  });

  it("refuses a stale version and changes nothing", async () => {
    const pillar = await factories.createPillar();
    const values = { number: String(pillar.number), code: pillar.code, name: "First edit" };
    await updatePillar(admin, pillar.id, { ...values, version: 1 });
    await expect(updatePillar(admin, pillar.id, { ...values, name: "Second edit", version: 1 })).rejects.toBeInstanceOf(ConflictError);
    expect(await db().pillar.findUniqueOrThrow({ where: { id: pillar.id } })).toMatchObject({ name: "First edit", version: 2 });
    expect(await auditOf(pillar.id)).toHaveLength(1);
  });

  it("answers a number already in use as a field error", async () => {
    const pillar = await factories.createPillar();
    await expect(createPillar(admin, { number: pillar.number, code: "NEW", name: "Twin" })).rejects.toMatchObject({ fieldErrors: { number: [{ code: "taken" }] } });
  });

  it("is refused to managers, reviewers and staff", async () => {
    const pillar = await factories.createPillar();
    for (const actor of others) {
      await expect(createPillar(actor, { number: 5, code: "X", name: "X" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updatePillar(actor, pillar.id, { number: pillar.number, code: pillar.code, name: "Renamed", version: 1 })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
    expect(await db().pillar.findUniqueOrThrow({ where: { id: pillar.id } })).toMatchObject({ name: pillar.name, version: 1 });
  });
});

describe("keeping commitments", () => {
  async function commitmentValues() {
    const [pillar, us, mx] = await Promise.all([db().pillar.findFirstOrThrow(), factories.createAgency(), factories.createAgency()]);
    return {
      pillarId: pillar.id,
      title: "Train prosecutors",
      description: "In the accusatorial system",
      leadParty: "joint",
      agencyIds: [us.id, mx.id],
      startDate: "2026-01-01",
      targetDate: "2027-06-30",
      sourceCitation: "Joint statement",
      ownerId: admin.id,
    };
  }

  it("lets an admin create, edit, archive and restore a commitment, with an audit event for each change", async () => {
    const values = await commitmentValues();
    const created = await createCommitment(admin, values);
    const edited = await updateCommitment(admin, created.id, { ...values, title: "Train state prosecutors", agencyIds: values.agencyIds[0], version: 1 });
    expect(edited).toMatchObject({ title: "Train state prosecutors", version: 2 });
    expect(await db().commitmentAgency.findMany({ where: { commitmentId: created.id } })).toEqual([{ commitmentId: created.id, agencyId: values.agencyIds[0] }]);

    await setCommitmentArchived(admin, created.id, true, { version: 2 });
    const archived = await getCommitment(admin, created.id);
    expect(archived.archivedAt).toBeInstanceOf(Date);
    const plan = await getPlanForAdmin(admin);
    expect(plan.flatMap((pillar) => pillar.commitments).find((c) => c.id === created.id)).toMatchObject({ archivedAt: archived.archivedAt });

    await setCommitmentArchived(admin, created.id, false, { version: 3 });
    expect(await getCommitment(admin, created.id)).toMatchObject({ archivedAt: null, version: 4 });
    expect((await auditOf(created.id)).map((event) => event.action)).toEqual([
      "commitment.create",
      "commitment.update",
      "commitment.archive",
      "commitment.restore",
    ]);
  });

  it("refuses a stale version and changes nothing", async () => {
    const created = await createCommitment(admin, await commitmentValues());
    await setCommitmentArchived(admin, created.id, true, { version: 1 });
    await expect(updateCommitment(admin, created.id, { ...(await commitmentValues()), title: "Late edit", version: 1 })).rejects.toBeInstanceOf(ConflictError);
    await expect(setCommitmentArchived(admin, created.id, false, { version: 1 })).rejects.toBeInstanceOf(ConflictError);
    const stored = await db().commitment.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored).toMatchObject({ title: "Train prosecutors", version: 2 });
    expect(stored.archivedAt).toBeInstanceOf(Date);
    expect(await auditOf(created.id)).toHaveLength(2);
  });

  it("names each refused field", async () => {
    const values = await commitmentValues();
    const refusal = (raw: object) => createCommitment(admin, { ...values, ...raw }).catch((error: unknown) => (error as ValidationError).fieldErrors);
    expect(await refusal({ title: " ", leadParty: "both" })).toEqual({ title: [{ code: "required" }], leadParty: [{ code: "invalidChoice" }] });
    expect(await refusal({ startDate: "2027-01-01", targetDate: "2026-01-01" })).toEqual({ targetDate: [{ code: "targetBeforeStart" }] });
    expect(await refusal({ agencyIds: ["no-such-agency"] })).toEqual({ agencyIds: [{ code: "unknownRecord" }] });
  });

  it("is refused to managers, reviewers and staff", async () => {
    const values = await commitmentValues();
    const existing = await factories.createCommitment();
    for (const actor of others) {
      await expect(createCommitment(actor, values)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateCommitment(actor, existing.id, { ...values, version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(setCommitmentArchived(actor, existing.id, true, { version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await db().commitment.findUniqueOrThrow({ where: { id: existing.id } })).toMatchObject({ version: 1, archivedAt: null });
    expect(await auditOf(existing.id)).toEqual([]);
  });

  it("takes an archived commitment and its milestones out of the overview counts, and back on restore", async () => {
    const commitment = await factories.createCommitment();
    await Promise.all([factories.createMilestone({ commitmentId: commitment.id }), factories.createMilestone({ commitmentId: commitment.id })]);
    const counts = async () => (await listPillars(admin)).find((pillar) => pillar.id === commitment.pillarId)!;
    const before = await counts();

    await setCommitmentArchived(admin, commitment.id, true, { version: 1 });
    const archived = await counts();
    expect(archived.commitmentCount).toBe(before.commitmentCount - 1);
    expect(archived.milestoneCount).toBe(before.milestoneCount - 2);
    expect(archived.milestonesByStatus.not_started).toBe(before.milestonesByStatus.not_started - 2);

    await setCommitmentArchived(admin, commitment.id, false, { version: 2 });
    expect(await counts()).toEqual(before);
  });
});

describe("keeping milestones", () => {
  it("lets an admin create, edit, archive and restore a milestone, and refuses an edit that names a status", async () => {
    const commitment = await factories.createCommitment();
    const values = { commitmentId: commitment.id, title: "First cohort trained", description: "", dueDate: "2026-09-30", ownerId: "" };
    const created = await createMilestone(admin, values);
    expect(created).toMatchObject({ status: "not_started", ownerId: null, version: 1 });
    // Status changes only through a status update.
    const withStatus = await updateMilestone(admin, created.id, { ...values, version: "1", status: "completed" }).catch((error: unknown) => error);
    expect((withStatus as ValidationError).fieldErrors?.status).toEqual([{ code: "unknownField", values: { field: "status" } }]);
    const edited = await updateMilestone(admin, created.id, { ...values, dueDate: "2026-12-31", ownerId: admin.id, version: "1" });
    expect(edited).toMatchObject({ status: "not_started", ownerId: admin.id, version: 2 });
    expect(edited.dueDate.toISOString().slice(0, 10)).toBe("2026-12-31");

    await setMilestoneArchived(admin, created.id, true, { version: 2 });
    expect((await db().milestone.findUniqueOrThrow({ where: { id: created.id } })).archivedAt).toBeInstanceOf(Date);
    await setMilestoneArchived(admin, created.id, false, { version: 3 });
    expect(await db().milestone.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ archivedAt: null, version: 4 });
    expect((await auditOf(created.id)).map((event) => event.action)).toEqual(["milestone.create", "milestone.update", "milestone.archive", "milestone.restore"]);
  });

  it("refuses a stale version and changes nothing", async () => {
    const milestone = await factories.createMilestone();
    const values = { commitmentId: milestone.commitmentId, title: "Edited once", dueDate: "2027-01-31" };
    await updateMilestone(admin, milestone.id, { ...values, version: 1 });
    await expect(updateMilestone(admin, milestone.id, { ...values, title: "Edited twice", version: 1 })).rejects.toBeInstanceOf(ConflictError);
    await expect(setMilestoneArchived(admin, milestone.id, true, { version: 1 })).rejects.toBeInstanceOf(ConflictError);
    expect(await db().milestone.findUniqueOrThrow({ where: { id: milestone.id } })).toMatchObject({ title: "Edited once", version: 2, archivedAt: null });
    expect(await auditOf(milestone.id)).toHaveLength(1);
  });

  it("is refused to managers, reviewers and staff", async () => {
    const milestone = await factories.createMilestone();
    const values = { commitmentId: milestone.commitmentId, title: "Renamed", dueDate: "2027-01-31" };
    for (const actor of others) {
      await expect(createMilestone(actor, values)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateMilestone(actor, milestone.id, { ...values, version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(setMilestoneArchived(actor, milestone.id, true, { version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await db().milestone.findUniqueOrThrow({ where: { id: milestone.id } })).toMatchObject({ title: milestone.title, version: 1, archivedAt: null });
  });
});

describe("the admin's view of the plan", () => {
  it("shows archived commitments and milestones, and only to admins", async () => {
    const milestone = await factories.createMilestone();
    await setMilestoneArchived(admin, milestone.id, true, { version: 1 });
    const listed = (await getPlanForAdmin(admin)).flatMap((p) => p.commitments).flatMap((c) => c.milestones).find((m) => m.id === milestone.id);
    expect(listed?.archivedAt).toBeInstanceOf(Date);
    for (const actor of others) await expect(getPlanForAdmin(actor)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
