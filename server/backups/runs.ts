import "server-only";
import path from "node:path";
import { CronExpressionParser } from "cron-parser";
import { db } from "../db/client";
import { ensure, type Actor } from "../permissions";
import { backupJobExpirySeconds, backupSettings } from "./settings";

// What the admins' backups page reads (/admin/backups): how scheduled backups
// are set up, when the next one runs, and the latest runs with their sizes.

/** The newest runs the page lists; older ones stay in BackupRun. */
const runsShown = 30;

/**
 * A run still "running" after the job's expiry was cut short (its worker
 * died or the server stopped): the queue has given up on it, so the page
 * says it did not finish rather than that it is still being written.
 */
function readStatus(run: { status: "running" | "succeeded" | "failed"; startedAt: Date }, now: Date) {
  if (run.status === "running" && now.getTime() - run.startedAt.getTime() > backupJobExpirySeconds * 1_000) return "interrupted" as const;
  return run.status;
}

/** The schedule in force, the next time it fires after `now`, and the newest runs, newest first. */
export async function readBackups(actor: Actor, { now = new Date() }: { now?: Date } = {}) {
  ensure(actor, "operations.read");
  const settings = backupSettings();
  const nextRunAt = settings.schedule ? CronExpressionParser.parse(settings.schedule, { tz: "UTC", currentDate: now }).next().toDate() : null;
  const rows = await db().backupRun.findMany({
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: runsShown,
    select: { id: true, startedAt: true, finishedAt: true, status: true, file: true, sizeBytes: true, error: true, removedAt: true },
  });
  const runs = rows.map(({ file, sizeBytes, ...run }) => ({
    ...run,
    status: readStatus(run, now),
    fileName: path.basename(file),
    sizeBytes: sizeBytes === null ? null : Number(sizeBytes),
  }));
  return { schedule: settings.schedule, keep: settings.keep, dir: settings.dir, nextRunAt, runs };
}

export type BackupRunItem = Awaited<ReturnType<typeof readBackups>>["runs"][number];
