import { expect, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { startOwnServer, type OwnServer } from "./own-server";
import { suiteServerEnvironment } from "./suite-server";
import { storageStateOf, type DemoRole } from "./users";

// Two instances of the tracker, as `npm start` runs each, on two ports against
// one DATABASE_URL (docs/scaling.md): the suite's server and a second one this
// file starts with the same build, database and settings. Each keeps the
// figures it computed in its own memory under the plan revision they were
// computed at (server/figures-cache.ts); a write committed through one must be
// in the other's figures on its very next request, with nothing between them
// but PostgreSQL.

type StatusCounts = Record<string, number>;

interface Milestone {
  id: string;
  status: string;
  version: number;
  pillar: { number: number };
}

const suiteURL = () => test.info().project.use.baseURL!;
let second: OwnServer | undefined;
let database: pg.Client | undefined;
const contexts: APIRequestContext[] = [];

test.beforeAll(async () => {
  // One server process (WEB_CONCURRENCY) is enough for one reader, and keeps the two-core machine's memory for the suite.
  second = await startOwnServer({ ...suiteServerEnvironment(process.env.E2E_DATABASE_URL!, suiteURL()), WEB_CONCURRENCY: "1" });
  database = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await database.connect();
});

test.afterAll(async () => {
  await Promise.all(contexts.map((context) => context.dispose()));
  await database?.end();
  await second?.stop();
});

async function contextOn(playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } }, baseURL: string, role: DemoRole) {
  const context = await playwright.request.newContext({ baseURL, storageState: storageStateOf(role) });
  contexts.push(context);
  return context;
}

/** The plan revision as committed: every transaction that changes what the figures read raises it by one. */
async function planRevision(): Promise<bigint> {
  return BigInt((await database!.query<{ revision: string }>(`SELECT revision FROM "PlanRevision" WHERE id = 1`)).rows[0]!.revision);
}

/** Each pillar's milestones by status, as the dashboard counts them today (`GET /api/v1/pillars`). */
async function milestonesByStatus(request: APIRequestContext): Promise<Record<number, StatusCounts>> {
  const response = await request.get("/api/v1/pillars");
  expect(response.status()).toBe(200);
  const { data } = (await response.json()) as { data: { number: number; milestonesByStatus: StatusCounts }[] };
  return Object.fromEntries(data.map((pillar) => [pillar.number, pillar.milestonesByStatus]));
}

async function milestoneOf(request: APIRequestContext, id: string): Promise<Milestone> {
  const response = await request.get(`/api/v1/milestones/${id}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { data: Milestone }).data;
}

/**
 * An open milestone of the staff member's that no other file's test writes to:
 * status-updates.spec.ts takes the first five in progress by id, and
 * api-tokens.spec.ts the last open one by id; this takes the `fromLast`-th
 * open one by id (2 or 3), which stays open as it moves between in progress
 * and at risk.
 */
async function chosenMilestone(staff: APIRequestContext, fromLast: 2 | 3): Promise<string> {
  const response = await staff.get("/api/v1/milestones?mine=true");
  const { data } = (await response.json()) as { data: Milestone[] };
  const byId = [...data].sort((a, b) => a.id.localeCompare(b.id));
  const takenElsewhere = new Set(byId.filter((milestone) => milestone.status === "in_progress").slice(0, 5).map((milestone) => milestone.id));
  const open = byId.filter((milestone) => ["in_progress", "at_risk"].includes(milestone.status) && !takenElsewhere.has(milestone.id));
  expect(open.length).toBeGreaterThanOrEqual(3);
  return open.at(-fromLast)!.id;
}

/**
 * Has the reader compute and keep the figures, records a status update of the
 * milestone through the writer, and expects the reader's very next answer to
 * count the milestone under its new status, and nothing else changed. The
 * other files' tests change the plan meanwhile; an attempt during which any
 * other transaction raised the plan revision proves nothing and is made again.
 */
async function expectTheNextReadToCountTheWrite(writer: APIRequestContext, reader: APIRequestContext, milestoneId: string, note: string) {
  for (let attempt = 1; ; attempt += 1) {
    const milestone = await milestoneOf(writer, milestoneId);
    const update = milestone.status === "in_progress" ? { status: "at_risk", cause: "funding" } : { status: "in_progress" };
    const revision = await planRevision();
    const before = await milestonesByStatus(reader);

    const written = await writer.post(`/api/v1/milestones/${milestoneId}/status-updates`, { data: { ...update, note, version: milestone.version } });
    // 409: another test updated the same milestone since it was read.
    if (written.status() !== 409) expect(written.status()).toBe(201);
    const revisionWritten = await planRevision();
    const after = await milestonesByStatus(reader);
    const alone = written.status() === 201 && revisionWritten === revision + 1n && (await planRevision()) === revisionWritten;
    if (!alone) {
      expect(attempt, "other tests changed the plan during each of the attempts").toBeLessThan(5);
      continue;
    }

    const pillar = milestone.pillar.number;
    const counts = before[pillar]!;
    const expected = {
      ...before,
      [pillar]: { ...counts, [milestone.status]: counts[milestone.status]! - 1, [update.status]: (counts[update.status] ?? 0) + 1 },
    };
    expect(after, `pillar ${pillar}: ${milestone.status} → ${update.status}`).toEqual(expected);
    return;
  }
}

test("a status update recorded through one instance is counted in the other instance's figures on its very next request", async ({ playwright }) => {
  const staffOnSuite = await contextOn(playwright, suiteURL(), "staff");
  const managerOnSecond = await contextOn(playwright, second!.baseURL, "manager");
  const milestoneId = await chosenMilestone(staffOnSuite, 2);
  await expectTheNextReadToCountTheWrite(staffOnSuite, managerOnSecond, milestoneId, "Recorded through the first instance, read through the second.");
});

test("and the other way round: a status update recorded through the second instance is counted in the first's figures on its very next request", async ({ playwright }) => {
  const staffOnSecond = await contextOn(playwright, second!.baseURL, "staff");
  const managerOnSuite = await contextOn(playwright, suiteURL(), "manager");
  const milestoneId = await chosenMilestone(staffOnSecond, 3);
  await expectTheNextReadToCountTheWrite(staffOnSecond, managerOnSuite, milestoneId, "Recorded through the second instance, read through the first.");
});
