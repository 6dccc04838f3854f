import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { db } from "./db/client";
import { queryRows, rawRow } from "./db/raw-rows";
import { MetricsTokenRequiredError, NotFoundError } from "./errors";
import { jobQueueBacklog } from "./jobs/queue";
import { metricsContentType, metricsText } from "./metrics";
import { can } from "./permissions";
import { getActor } from "./session";

// What operators read of the running tracker: its metrics (/api/metrics) and
// the health check's detail (/api/health?detail=1).

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Whether the request carries METRICS_TOKEN as its bearer token. The digests
 * are compared in constant time, so that the answer's timing tells nothing of
 * the token. Never, when no token is set.
 */
function hasMetricsToken(request: Request): boolean {
  const token = process.env.METRICS_TOKEN;
  if (!token) return false;
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  return timingSafeEqual(digest(sent), digest(token));
}

/** The metrics in Prometheus's format: off (not found) unless METRICS_TOKEN is set, then for its bearer only. */
export async function metricsAnswer(request: Request): Promise<Response> {
  if (!process.env.METRICS_TOKEN) throw new NotFoundError();
  if (!hasMetricsToken(request)) throw new MetricsTokenRequiredError();
  return new Response(await metricsText(), { headers: { "Content-Type": metricsContentType, "Cache-Control": "no-store" } });
}

export interface HealthDetail {
  /** The build being served (.next/BUILD_ID). */
  build: string | null;
  /** Migrations in prisma/migrations the database has not applied; null when the database does not answer. */
  migrationsPending: string[] | null;
  /** How long a trivial query took; null when the database does not answer. */
  databaseLatencyMs: number | null;
  /** The jobs due and not yet taken, and how long the oldest has waited (server/jobs/queue.ts); null when the database does not answer. */
  jobQueue: { ready: number; oldestReadySeconds: number } | null;
}

let build: Promise<string | null> | undefined;
let migrationFolders: Promise<string[]> | undefined;

// Both are read once a process: a deployment replaces the process with them.
const readBuild = () => (build ??= readFile(path.join(process.cwd(), ".next", "BUILD_ID"), "utf8").then((id) => id.trim(), () => null));
const readMigrationFolders = () =>
  (migrationFolders ??= readdir(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true }).then(
    (entries) => entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort(),
    () => [],
  ));

const appliedMigrationRow = rawRow("applied migration", { migration_name: z.string() });

/** The build, the migrations the database has yet to apply, its latency and the job queue's backlog. */
export async function healthDetail(databaseReachable: boolean): Promise<HealthDetail> {
  if (!databaseReachable) return { build: await readBuild(), migrationsPending: null, databaseLatencyMs: null, jobQueue: null };
  const startedAt = performance.now();
  await db().$queryRaw`SELECT 1`;
  const databaseLatencyMs = Math.round((performance.now() - startedAt) * 100) / 100;
  const applied = await queryRows(appliedMigrationRow)`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const appliedNames = new Set(applied.map((row) => row.migration_name));
  const migrationsPending = (await readMigrationFolders()).filter((name) => !appliedNames.has(name));
  return { build: await readBuild(), migrationsPending, databaseLatencyMs, jobQueue: await jobQueueBacklog() };
}

/** Whoever cannot be confirmed an admin (no session, a second factor owed) gets the public answer. */
async function isOperator(): Promise<boolean> {
  try {
    const actor = await getActor();
    return actor !== null && can(actor, "operations.read");
  } catch {
    return false;
  }
}

/**
 * The health check's detail, when the request asks for it (`?detail=1`) and
 * may read it: with the metrics token, or an admin's session. The session is
 * read only while the database answers, so that the check stays quick when it
 * does not.
 */
export async function healthDetailFor(request: Request, databaseReachable: boolean): Promise<HealthDetail | null> {
  if (new URL(request.url).searchParams.get("detail") !== "1") return null;
  if (!hasMetricsToken(request) && !(databaseReachable && (await isOperator()))) return null;
  return healthDetail(databaseReachable);
}
