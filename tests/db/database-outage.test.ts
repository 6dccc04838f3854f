// The database going away mid-request: a write caught half-way is answered as
// "unavailable" and leaves nothing behind, and once PostgreSQL is back the
// same process and connection pool carry on. The same when it freezes (its
// processes stopped, answering nothing) rather than stopping: every query has
// a timeout. This file runs a PostgreSQL of its own, which it stops, freezes
// and starts; the server the other tests share is never touched.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import { findFreePort } from "../../scripts/lib/ports";
import { db, disconnectDb } from "../../server/db/client";
import { embeddedApplicationRole, embeddedClusterDir, startEmbeddedPostgres, type EmbeddedDatabase } from "../../scripts/lib/embedded";
import { applyMigrations } from "../../scripts/lib/migrations";
import { isDatabaseUnavailable } from "../../server/error-answers";
import { databaseIsReachable } from "../../server/health";
import { errorResponse } from "../../server/http";
import type { Actor } from "../../server/permissions";
import { listStatusUpdates, updateMilestoneStatus } from "../../server/status-updates";
import { GET } from "../../app/api/health/route";
import { actorOf, createMilestone, createUser } from "../factories";
import { freezePostgres } from "../freeze-database";

const health = () => GET(new Request("http://localhost/api/health"));

let folder: string;
let port: number;
let server: EmbeddedDatabase;
let url: string;
let ownerUrl: string;
let staff: Actor;
let milestoneId: string;
let thaw: (() => void) | undefined;
const ownConnections = new Set<pg.Client>();

const start = async () => {
  server = await startEmbeddedPostgres({ dataDir: path.join(folder, "pg"), port });
};

/** A connection of the test's own, as the owner, which expects the server to go away under it. */
async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: ownerUrl });
  client.on("error", () => undefined);
  await client.connect();
  ownConnections.add(client);
  return client;
}

/** Resolves once `check` holds, asking again until it does (the test's own limit bounds the wait). */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 50));
}

// A write waiting for the audit table, as pg_stat_activity shows it.
const waitingAtAuditEvent = `wait_event_type = 'Lock' AND backend_xid IS NOT NULL AND query LIKE 'INSERT INTO %AuditEvent%'`;

/**
 * Starts a status update of the milestone and holds it at its audit event,
 * after it has changed the milestone and added the status update: `blocker`
 * holds the audit table until it ends its transaction. `observer` is a
 * connection to watch and end backends with.
 */
async function writeHeldAtItsAuditEvent(milestone: string) {
  const blocker = await connect();
  await blocker.query(`BEGIN; LOCK TABLE "AuditEvent" IN ACCESS EXCLUSIVE MODE`);
  const observer = await connect();
  const outcome = updateMilestoneStatus(staff, milestone, { status: "in_progress", note: "Started", version: 1 }).then(
    () => "written",
    (error: unknown) => error,
  );
  await until(async () => {
    const { rows } = await observer.query<{ waiting: number }>(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE ${waitingAtAuditEvent}`);
    return rows[0]!.waiting === 1;
  });
  return { outcome, blocker, observer };
}

/** What the API answers for an error, as its status and JSON body. */
async function answerTo(error: unknown) {
  const response = errorResponse(error);
  return { status: response.status, body: (await response.json()) as unknown };
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), "tracker-outage-"));
  port = await findFreePort();
  await start();
  await server.ensureDatabase("tracker");
  url = server.appUrl("tracker");
  ownerUrl = server.url("tracker");
  await applyMigrations(ownerUrl, embeddedApplicationRole);
  await disconnectDb();
  process.env.DATABASE_URL = url;
  staff = actorOf(await createUser({ roles: ["staff"] }));
  milestoneId = (await createMilestone({ ownerId: staff.id })).id;
}, 120_000);

afterAll(async () => {
  // A test that failed while the server was frozen would leave it so: stopping it would then wait for ever.
  thaw?.();
  // A blocker left holding its lock would keep the pool's connections waiting.
  await Promise.all([...ownConnections].map((client) => client.end().catch(() => undefined)));
  await disconnectDb();
  await server.stop();
  await rm(folder, { recursive: true, force: true });
}, 60_000);

describe("the database going away", () => {
  it("fails a write caught mid-transaction as unavailable, with nothing of it written, and the same pool works again once PostgreSQL is back", async () => {
    const pool = db();
    const { outcome, blocker, observer } = await writeHeldAtItsAuditEvent(milestoneId);
    // A shutdown ends every backend with "terminating connection due to
    // administrator command", in no set order: were the blocker's ended first,
    // the write could take the lock and commit before its own turn (seen once
    // in a fresh clone). The write's backend is ended first, with that same error.
    await observer.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE ${waitingAtAuditEvent}`);
    await server.stop();

    const error = await outcome;
    expect(error).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(await answerTo(error)).toEqual({ status: 503, body: { error: "unavailable", message: en.errors.unavailable } });

    // While it is down, every call fails the same way, quickly.
    const whileDown = await listStatusUpdates(staff, { milestone: milestoneId }).catch((caught: unknown) => caught);
    expect(isDatabaseUnavailable(whileDown)).toBe(true);
    expect(await databaseIsReachable()).toBe(false);

    await start();
    expect(db()).toBe(pool);
    const history = await listStatusUpdates(staff, { milestone: milestoneId });
    expect(history.total).toBe(0);
    const milestone = await db().milestone.findUniqueOrThrow({ where: { id: milestoneId } });
    expect(milestone).toMatchObject({ status: "not_started", version: 1 });
    expect(await db().auditEvent.count({ where: { entityId: milestoneId } })).toBe(0);

    const written = await updateMilestoneStatus(staff, milestoneId, { status: "in_progress", note: "Started", version: 1 });
    expect(written.milestone).toMatchObject({ status: "in_progress", version: 2 });
    expect(await db().auditEvent.count({ where: { entityId: milestoneId } })).toBe(1);
    expect(db()).toBe(pool);
    await Promise.all([blocker.end().catch(() => undefined), observer.end().catch(() => undefined)]);
  }, 120_000);

  it("answers a call made while PostgreSQL is stopped as unavailable, and the next call after it starts again succeeds", async () => {
    await server.stop();
    const refused = await listStatusUpdates(staff, {}).catch((caught: unknown) => caught);
    expect(await answerTo(refused)).toEqual({ status: 503, body: { error: "unavailable", message: en.errors.unavailable } });

    await start();
    expect((await listStatusUpdates(staff, {})).total).toBeGreaterThan(0);
  }, 120_000);
});

/** Builds the shared client afresh with these settings, and returns their removal. */
async function withSettings(settings: Record<string, string>): Promise<() => void> {
  Object.assign(process.env, settings);
  await disconnectDb();
  return () => {
    for (const name of Object.keys(settings)) delete process.env[name];
  };
}

describe("the database frozen", () => {
  it("answers the health check 503 by its own deadline while every query waits for the thaw, and 200 after it", async () => {
    // Timeouts far beyond the test's own limit: only the health check's deadline can answer.
    const restore = await withSettings({ DATABASE_STATEMENT_TIMEOUT_MS: "600000", DATABASE_POOL_TIMEOUT_MS: "600000" });
    try {
      expect((await health()).status).toBe(200);
      thaw = await freezePostgres(embeddedClusterDir(path.join(folder, "pg")));
      try {
        const answer = await health();
        expect(answer.status).toBe(503);
        expect(await answer.json()).toEqual({ status: "unavailable", database: "unreachable" });
      } finally {
        thaw();
      }
      await until(async () => (await health()).status === 200);
    } finally {
      restore();
    }
  }, 60_000);

  it("fails a write caught mid-transaction, a new write and a read as unavailable with nothing written, and carries on by itself once it thaws", async () => {
    // Shorter than the defaults so that the test takes seconds: what it shows is that each wait has an end.
    const restore = await withSettings({ DATABASE_STATEMENT_TIMEOUT_MS: "3000", DATABASE_POOL_TIMEOUT_MS: "2000" });
    const pool = db();
    const caught = await createMilestone({ ownerId: staff.id });
    const other = await createMilestone({ ownerId: staff.id });
    const { outcome, blocker, observer } = await writeHeldAtItsAuditEvent(caught.id);
    try {
      thaw = await freezePostgres(embeddedClusterDir(path.join(folder, "pg")));
      try {
        const [write, newWrite, read] = await Promise.all([
          outcome,
          updateMilestoneStatus(staff, other.id, { status: "in_progress", note: "Started", version: 1 }).catch((error: unknown) => error),
          listStatusUpdates(staff, { milestone: other.id }).catch((error: unknown) => error),
        ]);
        for (const error of [write, newWrite, read]) {
          expect(error).toBeInstanceOf(Error);
          expect(isDatabaseUnavailable(error), String(error)).toBe(true);
          expect(await answerTo(error)).toEqual({ status: 503, body: { error: "unavailable", message: en.errors.unavailable } });
        }
      } finally {
        thaw();
      }
      await blocker.query("ROLLBACK");

      expect(db()).toBe(pool);
      for (const milestone of [caught, other]) {
        expect((await listStatusUpdates(staff, { milestone: milestone.id })).total).toBe(0);
        expect(await db().milestone.findUniqueOrThrow({ where: { id: milestone.id } })).toMatchObject({ status: "not_started", version: 1 });
        expect(await db().auditEvent.count({ where: { entityId: milestone.id } })).toBe(0);
      }
      expect((await health()).status).toBe(200);
      const written = await updateMilestoneStatus(staff, caught.id, { status: "in_progress", note: "Started", version: 1 });
      expect(written.milestone).toMatchObject({ status: "in_progress", version: 2 });
      expect(await db().auditEvent.count({ where: { entityId: caught.id } })).toBe(1);
      expect(db()).toBe(pool);
    } finally {
      await Promise.all([blocker.end().catch(() => undefined), observer.end().catch(() => undefined)]);
      restore();
    }
  }, 120_000);
});
