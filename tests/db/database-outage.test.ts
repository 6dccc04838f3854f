// The database going away mid-request: a write caught half-way is answered as
// "unavailable" and leaves nothing behind, and once PostgreSQL is back the
// same process and connection pool carry on. This file runs a PostgreSQL of
// its own, which it stops and starts; the server the other tests share is
// never touched.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import { findFreePort } from "../../scripts/lib/ports";
import { db, disconnectDb } from "../../server/db/client";
import { embeddedApplicationRole, startEmbeddedPostgres, type EmbeddedDatabase } from "../../server/db/embedded";
import { applyMigrations } from "../../server/db/migrations";
import { databaseIsReachable } from "../../server/health";
import { errorResponse, isDatabaseUnavailable } from "../../server/http";
import type { Actor } from "../../server/permissions";
import { listStatusUpdates, updateMilestoneStatus } from "../../server/status-updates";
import { actorOf, createMilestone, createUser } from "../factories";

let folder: string;
let port: number;
let server: EmbeddedDatabase;
let url: string;
let ownerUrl: string;
let staff: Actor;
let milestoneId: string;

const start = async () => {
  server = await startEmbeddedPostgres({ dataDir: path.join(folder, "pg"), port });
};

/** A connection of the test's own, as the owner, which expects the server to go away under it. */
async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: ownerUrl });
  client.on("error", () => undefined);
  await client.connect();
  return client;
}

/** Resolves once `check` holds, asking again until it does (the test's own limit bounds the wait). */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** What the API answers for an error, as its status and JSON body. */
async function answerTo(error: unknown) {
  const response = errorResponse(error);
  return { status: response.status, body: await response.json() };
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
  await disconnectDb();
  await server.stop();
  await rm(folder, { recursive: true, force: true });
}, 60_000);

describe("the database going away", () => {
  it("fails a write caught mid-transaction as unavailable, with nothing of it written, and the same pool works again once PostgreSQL is back", async () => {
    const pool = db();
    // Holds the audit table, so that the write stops at its audit event after
    // it has changed the milestone and added the status update.
    const blocker = await connect();
    await blocker.query(`BEGIN; LOCK TABLE "AuditEvent" IN ACCESS EXCLUSIVE MODE`);
    const observer = await connect();

    const outcome = updateMilestoneStatus(staff, milestoneId, { status: "in_progress", note: "Started", version: 1 }).then(
      () => "written",
      (error: unknown) => error,
    );
    await until(async () => {
      const { rows } = await observer.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
         WHERE wait_event_type = 'Lock' AND backend_xid IS NOT NULL AND query LIKE 'INSERT INTO %AuditEvent%'`,
      );
      return rows[0]!.waiting === 1;
    });
    // A shutdown ends every backend with "terminating connection due to
    // administrator command", in no set order: were the blocker's ended first,
    // the write could take the lock and commit before its own turn (seen once
    // in a fresh clone). The write's backend is ended first, with that same error.
    await observer.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE wait_event_type = 'Lock' AND backend_xid IS NOT NULL AND query LIKE 'INSERT INTO %AuditEvent%'`,
    );
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
