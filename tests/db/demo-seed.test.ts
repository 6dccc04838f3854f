import { describe, expect, it, beforeAll } from "vitest";
import { verifyPassword } from "../../server/auth/password";
import { db } from "../../server/db/client";
import { demoCommitments, demoIndicators, demoRounds } from "../../scripts/lib/seed/demo-data";
import { DatabaseNotEmptyError, demoPassword, demoUsers, isDatabaseEmpty, seedDemoData } from "../../scripts/lib/seed/demo";

// The facts table of shared/sources/facts.md, pillar by pillar.
const factsTable = {
  "April 2011 two-year review": { 1: ["steady", "slow"], 2: ["limited", "slow"], 3: ["substantial", "slow"], 4: ["limited", "none_yet"], 5: ["limited", "cannot_assess"] },
  "May 2018 review": { 1: ["substantial", "worsened"], 2: ["steady", "slow"], 3: ["steady", "moderate"], 5: ["limited", "worsened"] },
} as const;

describe("the demo dataset", () => {
  beforeAll(async () => {
    expect(await isDatabaseEmpty()).toBe(true);
    await seedDemoData();
  });

  it("holds the five pillars, every commitment and milestone, and their histories", async () => {
    expect(await db().pillar.count()).toBe(5);
    expect(await db().commitment.count()).toBe(demoCommitments.length);
    const milestones = demoCommitments.flatMap((c) => c.milestones);
    expect(await db().milestone.count()).toBe(milestones.length);
    expect(await db().statusUpdate.count()).toBe(milestones.reduce((n, m) => n + m.history.length, 0));
    expect(await db().evidence.count()).toBe(demoCommitments.reduce((n, c) => n + c.evidence.length, 0));
    expect(await db().indicator.count()).toBe(demoIndicators.length);
  });

  it("keeps each milestone's current status equal to its latest status update", async () => {
    const mismatches = await db().$queryRaw<{ id: string }[]>`
      SELECT m.id FROM "Milestone" m
      JOIN LATERAL (SELECT "newStatus" FROM "StatusUpdate" s WHERE s."milestoneId" = m.id ORDER BY s."createdAt" DESC LIMIT 1) last ON true
      WHERE last."newStatus" <> m.status`;
    expect(mismatches).toEqual([]);
  });

  it("publishes the assessments of the facts table, and none for pillar 4 in 2018", async () => {
    const rounds = await db().assessmentRound.findMany({
      include: { assessments: { include: { pillar: true, citations: true } } },
      orderBy: { periodStart: "asc" },
    });
    expect(rounds.map((r) => r.title)).toEqual(demoRounds.map((r) => r.title));
    for (const round of rounds) {
      const expected = factsTable[round.title as keyof typeof factsTable];
      const actual = Object.fromEntries(round.assessments.map((a) => [a.pillar.number, [a.advances, a.results]]));
      expect(actual).toEqual(expected);
      for (const assessment of round.assessments) {
        expect(assessment.state).toBe("published");
        expect(assessment.citations.length).toBeGreaterThan(0);
      }
    }
  });

  it("has one demo user per role, each signing in with the demo password", async () => {
    for (const demo of demoUsers) {
      const user = await db().user.findUniqueOrThrow({ where: { email: demo.email }, select: { roles: true, passwordHash: true } });
      expect(user.roles).toEqual(demo.roles);
      expect(await verifyPassword(user.passwordHash!, demoPassword)).toBe(true);
    }
  });

  it("refuses to load into a database that already holds data, changing nothing", async () => {
    const before = await db().milestone.count();
    await expect(seedDemoData()).rejects.toBeInstanceOf(DatabaseNotEmptyError);
    expect(await db().milestone.count()).toBe(before);
  });
});
