import { beforeAll, describe, expect, it } from "vitest";
import { listCommitments } from "../../server/commitments";
import { db } from "../../server/db/client";
import { ValidationError } from "../../server/errors";
import { listPillars } from "../../server/pillars";
import { seedDemoData } from "../../scripts/lib/seed/demo";
import { actorOf } from "../factories";

async function demoActor(email: string) {
  return actorOf(await db().user.findUniqueOrThrow({ where: { email } }));
}

describe("reading the plan", () => {
  beforeAll(async () => {
    await seedDemoData();
  });

  it("counts each pillar's commitments and milestones by status as a direct count does", async () => {
    const pillars = await listPillars(await demoActor("staff@demo.local"));
    expect(pillars.map((p) => p.number)).toEqual([1, 2, 3, 4, 5]);
    for (const pillar of pillars) {
      const milestones = await db().milestone.findMany({
        where: { archivedAt: null, commitment: { pillarId: pillar.id, archivedAt: null } },
        select: { status: true },
      });
      expect(pillar.milestoneCount).toBe(milestones.length);
      expect(pillar.commitmentCount).toBe(await db().commitment.count({ where: { pillarId: pillar.id, archivedAt: null } }));
      for (const [status, count] of Object.entries(pillar.milestonesByStatus)) {
        expect(count, `${pillar.code} ${status}`).toBe(milestones.filter((m) => m.status === status).length);
      }
    }
  });

  it("leaves archived commitments out of the counts", async () => {
    const actor = await demoActor("manager@demo.local");
    const [before] = await listPillars(actor);
    const commitment = await db().commitment.findFirstOrThrow({ where: { pillarId: before!.id }, include: { _count: { select: { milestones: true } } } });
    await db().commitment.update({ where: { id: commitment.id }, data: { archivedAt: new Date() } });
    const [after] = await listPillars(actor);
    expect(after!.commitmentCount).toBe(before!.commitmentCount - 1);
    expect(after!.milestoneCount).toBe(before!.milestoneCount - commitment._count.milestones);
    await db().commitment.update({ where: { id: commitment.id }, data: { archivedAt: null } });
  });

  it("filters commitments by pillar number or code", async () => {
    const actor = await demoActor("reviewer@demo.local");
    const all = await listCommitments(actor, {});
    const byNumber = await listCommitments(actor, { pillar: "5" });
    const byCode = await listCommitments(actor, { pillar: "dr" });
    expect(byNumber.length).toBeGreaterThan(0);
    expect(byNumber).toEqual(byCode);
    expect(byNumber.every((c) => c.pillar.number === 5)).toBe(true);
    expect(all.length).toBe(await db().commitment.count());
    expect(await listCommitments(actor, { pillar: "9" })).toEqual([]);
  });

  it("answers a malformed filter with a field error", async () => {
    const actor = await demoActor("reviewer@demo.local");
    await expect(listCommitments(actor, { pillar: "x".repeat(500) })).rejects.toBeInstanceOf(ValidationError);
  });
});
