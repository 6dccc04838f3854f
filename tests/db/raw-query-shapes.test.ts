import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { seedDemoData } from "../../scripts/lib/seed/demo";
import { accountOfApiRequest, createApiToken } from "../../server/api-tokens";
import { getAssessment } from "../../server/assessments";
import { auditFilterChoices, listAuditEvents } from "../../server/audit-trail";
import { listCommitments } from "../../server/commitments";
import { db } from "../../server/db/client";
import { onRawRows } from "../../server/db/raw-rows";
import { queueDigests } from "../../server/digests";
import { listEvidence, streamEvidence } from "../../server/evidence";
import { followState } from "../../server/follows";
import { listMilestones } from "../../server/milestones";
import { notifyRoundOpened } from "../../server/notifications";
import { computeReminders } from "../../server/reminders";
import { listPillars } from "../../server/pillars";
import { healthDetail } from "../../server/operations";
import { openDataDictionary } from "../../server/open-data";
import { publicPillarIndicators } from "../../server/public-indicators";
import { pillarAsOf, pillarRollups } from "../../server/rollups";
import { search } from "../../server/search";
import { lockRound } from "../../server/rounds";
import { listStatusUpdates, updateMilestoneStatus } from "../../server/status-updates";
import { findActiveAccount, readActiveAccount } from "../../server/users";
import { worklist } from "../../server/worklist";
import { source, sourceFiles } from "../unit/app-sources";
import { actorOf, createSession } from "../factories";

// The rows of every raw query in server/ are typed by a zod schema beside the
// query (server/db/raw-rows.ts). Here every one of those queries runs on the
// demo data, and each row must have exactly the schema's columns with its
// types: a column renamed, added, dropped or cast differently in the SQL
// fails here rather than reaching a page as undefined or a string for a date.

const serverModules = sourceFiles("server").filter((file) => !file.startsWith("server/db/generated/"));

/** The names of the row schemas declared in server/, as `rawRow("name", …)`. */
const declaredRows = [...new Set(serverModules.flatMap((file) => [...source(file).matchAll(/\brawRow\(\s*"([^"]+)"/g)].map((match) => match[1]!)))].sort();

const rowsSeen = new Map<string, number>();
const mismatches = new Set<string>();

async function demoActor(email: string) {
  return actorOf(await db().user.findUniqueOrThrow({ where: { email } }));
}

beforeAll(async () => {
  await seedDemoData();
  onRawRows((schema, rows) => {
    const name = schema.description ?? "a row schema without a name";
    rowsSeen.set(name, (rowsSeen.get(name) ?? 0) + rows.length);
    for (const row of rows) {
      const result = schema.safeParse(row);
      if (!result.success) mismatches.add(`${name}: ${z.prettifyError(result.error)}`);
    }
  });
});

afterAll(() => onRawRows(null));

describe("raw queries", () => {
  it("answer, on the demo data, rows with exactly the columns and types their row schemas declare", async () => {
    const [admin, manager, reviewer, staff] = await Promise.all(
      ["admin", "manager", "reviewer", "staff"].map((role) => demoActor(`${role}@demo.local`)),
    );
    const asOf = "2025-12-31";

    await findActiveAccount(await createSession(admin!.id));
    await readActiveAccount(staff!.id);
    const now = new Date("2026-03-02T08:00:30Z");
    const { token } = await createApiToken(reviewer!, { name: "Shapes", scope: "read", expiresOn: "2026-06-01" }, now);
    await accountOfApiRequest(new Request("http://tracker.test/api/v1/pillars", { headers: { authorization: `Bearer ${token}` } }), now);

    await listPillars(staff!);
    await listCommitments(staff!, {});
    await listMilestones(staff!, {}, asOf);
    await listStatusUpdates(manager!, {});
    await listEvidence(reviewer!, {});
    // A word of the demo data's plan, evidence and assessments, so that each kind's row schema sees rows.
    await search(reviewer!, { q: "border" });
    for await (const evidence of streamEvidence(reviewer!, {}, { batchSize: 5 })) if (evidence) break;
    await listAuditEvents(admin!, {});
    await auditFilterChoices(admin!);
    await pillarRollups(manager!, { asOf });
    // The figures counted from the history itself (a range of due dates), beside those summed from the kept changes.
    await pillarRollups(manager!, { asOf, from: "2009-01-01" });
    await pillarAsOf(manager!, 1, { asOf });
    await publicPillarIndicators(1, asOf);

    const round = await db().assessmentRound.findFirstOrThrow();
    await db().$transaction((tx) => lockRound(tx, round.id));
    const published = await db().assessment.findFirstOrThrow({ where: { state: "published" } });
    await getAssessment(manager!, published.id);
    await healthDetail(true);
    await openDataDictionary();
    // An open round whose period has ended, for the worklist's rounds.
    await db().assessmentRound.create({ data: { title: "Shapes round", periodStart: new Date("2025-01-01"), periodEnd: new Date("2025-06-30"), openedById: manager!.id } });
    for (const actor of [staff!, reviewer!, manager!]) await worklist(actor, asOf);
    // The reviewer hears of rounds opened in the digest, so that the digest has a row to list.
    await db().notificationPreference.create({ data: { userId: reviewer!.id, kind: "round_opened", delivery: "digest" } });
    await db().$transaction((tx) => notifyRoundOpened(tx, manager!, { id: round.id, title: round.title, periodEnd: asOf }));
    await queueDigests(new Date(Date.now() + 60_000));
    const milestone = await db().milestone.findFirstOrThrow();
    await followState(staff!, "milestone", milestone.id);
    await computeReminders(asOf);
    const staffMilestone = await db().milestone.findFirstOrThrow({
      where: { archivedAt: null, commitment: { archivedAt: null, agencies: { some: { agencyId: staff!.agencyId! } } } },
    });
    await updateMilestoneStatus(staff!, staffMilestone.id, { status: "in_progress", note: "Shapes", version: staffMilestone.version });

    expect([...mismatches]).toEqual([]);
    const withoutRows = declaredRows.filter((name) => !rowsSeen.get(name));
    expect(withoutRows, "row schemas whose query answered no row here: make it run on the demo data above").toEqual([]);
    expect(declaredRows.length).toBeGreaterThan(0);
  });

  it("in server/ read rows only through a row schema (queryRows), never by a type written into $queryRaw", () => {
    const handTyped = serverModules
      .filter((file) => file !== "server/db/raw-rows.ts")
      .filter((file) => /\$queryRaw(Unsafe)?\s*</.test(source(file)) || /\$queryRawUnsafe\b/.test(source(file)));
    expect(handTyped).toEqual([]);
  });
});
