import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../scripts/lib/seed/demo";
import { db } from "../../server/db/client";
import { frozenReport, frozenReports, reportFingerprint, verifyReport } from "../../server/frozen-reports";
import type { Actor } from "../../server/permissions";
import { roundReport } from "../../server/round-report";
import { closeRound, openRound } from "../../server/rounds";
import { createActor } from "../factories";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

let manager: Actor;

beforeAll(async () => {
  await seedDemoData();
  manager = await createActor(["manager"]);
});

/** Runs SQL as the tables' owner, whom no privilege stops: only the database's own rules can. */
async function asOwner(sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

describe("frozen round reports", () => {
  it("the demo's two closed rounds are frozen at seeding as canonical JSON, in the order they closed", async () => {
    const reports = await frozenReports();
    expect(reports.map((report) => [report.position, report.parsed.round.title])).toEqual([
      [1, "April 2011 two-year review"],
      [2, "May 2018 review"],
    ]);
    for (const report of reports) {
      expect(report.document).toBe(canonicalize(JSON.parse(report.document)));
      expect(report.sha256).toBe(sha256(report.document));
      expect(report.parsed.asOf).toBe(report.parsed.round.periodEnd);
    }
    // Published assessments name their reviewer, and nothing else names a person.
    const first = reports[0]!.parsed;
    expect(first.assessments.length).toBe(5);
    expect(first.assessments.every((assessment) => assessment.kind === "independent" && assessment.reviewer && assessment.evidence.length > 0)).toBe(true);
    expect(reports[0]!.document).not.toMatch(/@demo\.local|"email"|"note"/);
  });

  it("each chain digest is the SHA-256 of the previous one (64 zeros before the first), a newline and the document's SHA-256", async () => {
    const round = await openRound(manager, { title: "Chained round", periodStart: "2019-01-01", periodEnd: "2019-12-31" });
    await closeRound(manager, round.id);
    const reports = await frozenReports();
    expect(reports.map((report) => report.position)).toEqual([1, 2, 3]);
    let previous = "0".repeat(64);
    for (const report of reports) {
      expect(report.chainDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(report.chainDigest).toBe(sha256(`${previous}\n${report.sha256}`));
      previous = report.chainDigest;
    }
    expect((await verifyReport(reportFingerprint(new TextEncoder().encode(reports[2]!.document)))).chain).toMatchObject({ length: 3, head: previous, brokenAt: null });
  });

  it("a closed round's report stays as it was frozen after the plan changes", async () => {
    const round = await db().assessmentRound.findFirstOrThrow({ where: { title: "April 2011 two-year review" } });
    const before = await frozenReport(round.id);
    const reportBefore = await roundReport(manager, round.id);
    const pillar = await db().pillar.findUniqueOrThrow({ where: { number: 1 } });
    await db().pillar.update({ where: { id: pillar.id }, data: { name: "Renamed after the round closed" } });
    const milestone = await db().milestone.findFirstOrThrow({ where: { commitment: { pillarId: pillar.id } } });
    await db().milestone.update({ where: { id: milestone.id }, data: { dueDate: new Date("2009-01-01T00:00:00Z") } });

    const after = await frozenReport(round.id);
    expect(after!.document).toBe(before!.document);
    const reportAfter = await roundReport(manager, round.id);
    expect(reportAfter).toEqual(reportBefore);
    expect(reportAfter.pillars[0]!.name).toBe(pillar.name);
    expect(reportAfter.frozen).toEqual({ sha256: before!.sha256, chainDigest: before!.chainDigest, position: 1 });
  });

  it("the database refuses any change to a frozen report, even from the tables' owner, and a row that breaks the chain", async () => {
    const [first] = await frozenReports();
    expect(await failure(db().frozenRoundReport.update({ where: { roundId: first!.roundId }, data: { document: "{}" } }))).toBeInstanceOf(Error);
    for (const sql of [
      `UPDATE "FrozenRoundReport" SET "chainDigest" = repeat('a', 64) WHERE "roundId" = $1`,
      `UPDATE "FrozenRoundReport" SET "document" = '{}', "sha256" = encode(sha256('{}'), 'hex') WHERE "roundId" = $1`,
      `DELETE FROM "FrozenRoundReport" WHERE "roundId" = $1`,
    ]) {
      expect(String(await failure(asOwner(sql, [first!.roundId]))), sql).toMatch(/append-only/);
    }
    const round = await db().assessmentRound.create({ data: { title: "Forged", periodStart: new Date("2020-01-01"), periodEnd: new Date("2020-02-01"), openedById: manager.id } });
    const document = '{"forged":true}';
    const chain = await frozenReports();
    const next = chain.length + 1;
    const wrongDigest = "0".repeat(64);
    expect(String(await failure(asOwner(`INSERT INTO "FrozenRoundReport" ("roundId", position, document, sha256, "chainDigest") VALUES ($1, $2, $3, $4, $5)`, [round.id, next, document, sha256(document), "0".repeat(64)])))).toMatch(
      /does not continue the chain/,
    );
    expect(String(await failure(asOwner(`INSERT INTO "FrozenRoundReport" ("roundId", position, document, sha256, "chainDigest") VALUES ($1, $2, $3, $4, $5)`, [round.id, next, document, wrongDigest, sha256(`${chain.at(-1)!.chainDigest}\n${wrongDigest}`)])))).toMatch(
      /sha256_of_document/,
    );
    expect((await frozenReport(first!.roundId))!.document).toBe(first!.document);
  });

  it("verifying a report tells the exact frozen document from one with a single byte changed", async () => {
    const [first] = await frozenReports();
    const bytes = new TextEncoder().encode(first!.document);
    const good = await verifyReport(reportFingerprint(bytes));
    expect(good.match).toMatchObject({ roundId: first!.roundId, position: 1, sha256: first!.sha256, chainDigest: first!.chainDigest });
    expect(good.chain.brokenAt).toBeNull();

    const changed = bytes.slice();
    const at = first!.document.indexOf('"narrative":"') + 13;
    changed[at] = changed[at]! ^ 0x01;
    const bad = await verifyReport(reportFingerprint(changed));
    expect(bad.match).toBeNull();
    expect(bad.claimed).toMatchObject({ roundId: first!.roundId, position: 1 });
    expect(bad.sha256).not.toBe(first!.sha256);

    const unrelated = await verifyReport(reportFingerprint(new TextEncoder().encode("not json")));
    expect(unrelated).toMatchObject({ match: null, claimed: null });
  });
});
