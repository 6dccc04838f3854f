import "server-only";
import { mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { backupDatabase, backupFileName, verifyBackup } from "../../scripts/lib/backup";
import { secondFactorKeyInForce } from "../../scripts/lib/second-factor-key";
import { db } from "../db/client";
import { defineJob } from "../jobs/worker";
import { logger } from "../log";
import { notifyBackupFailed } from "../notifications";
import { isoDate } from "../validation";
import { backupJobExpirySeconds, type BackupSettings } from "./settings";

// Scheduled backups: the job worker writes one at each time BACKUP_SCHEDULE
// names, with the code of `npm run db:backup` (scripts/lib/backup.ts), reads
// it back whole before counting it, and removes the files of the oldest past
// BACKUP_KEEP. Each run is a row of BackupRun, for the admins' page (/admin/backups); a failed
// one tells the admins through the notification ledger. The worker connects
// as the application role, which may read every table and the migrations'
// (server/db/roles.ts): the owner's password stays with npm start.

/**
 * Writes a backup into `settings.dir`, named by the time `clock` reads when it
 * starts, checks it by reading it back, records the run and, once it is good,
 * removes the files of the succeeded runs beyond the newest `settings.keep`.
 * A failure is recorded and told to the admins, its file removed, and the
 * older backups kept.
 */
export async function runScheduledBackup(settings: BackupSettings, clock: () => Date): Promise<void> {
  const startedAt = clock();
  const file = path.join(settings.dir, backupFileName(startedAt));
  const run = await db().backupRun.create({ data: { startedAt, file }, select: { id: true } });
  try {
    await mkdir(settings.dir, { recursive: true });
    const written = await backupDatabase(databaseUrl(), file, await secondFactorKeyInForce());
    const readBack = await verifyBackup(file).catch(async (error: unknown) => {
      await rm(file, { force: true });
      throw error;
    });
    if (readBack.tables !== written.tables || readBack.rows !== written.rows) {
      await rm(file, { force: true });
      throw new Error(`Read back, the file holds ${readBack.rows} rows of ${readBack.tables} tables where ${written.rows} rows of ${written.tables} were written.`);
    }
    const { size } = await stat(file);
    await db().backupRun.update({ where: { id: run.id }, data: { status: "succeeded", finishedAt: clock(), sizeBytes: size } });
    logger.info({ file, sizeBytes: size, tables: written.tables, rows: written.rows }, `The scheduled backup was written to ${file} and read back whole.`);
  } catch (error) {
    const message = (error as Error).message || String(error);
    await db().$transaction(async (tx) => {
      await tx.backupRun.update({ where: { id: run.id }, data: { status: "failed", finishedAt: clock(), error: message } });
      await notifyBackupFailed(tx, { id: run.id, day: isoDate(startedAt), error: message });
    });
    logger.error({ err: error, file }, "The scheduled backup failed; the admins are notified.");
    return;
  }
  await removeBackupsBeyond(settings.keep, clock);
}

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set.");
  return url;
}

/** Removes the files of the succeeded backups older than the newest `keep`; their runs stay, marked removed. */
async function removeBackupsBeyond(keep: number, clock: () => Date): Promise<void> {
  const beyond = await db().backupRun.findMany({
    where: { status: "succeeded", removedAt: null },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    skip: keep,
    select: { id: true, file: true },
  });
  for (const run of beyond) {
    await rm(run.file, { force: true });
    await db().backupRun.update({ where: { id: run.id }, data: { removedAt: clock() } });
  }
}

/**
 * The scheduled backup job, on BACKUP_SCHEDULE; with no schedule, none (and a
 * schedule an earlier start kept is removed). A failed backup is not retried:
 * it is recorded and told, and the next comes on schedule.
 */
export function scheduledBackupJob(settings: BackupSettings) {
  return defineJob<object>({
    name: "backups.scheduled",
    schedule: settings.schedule,
    queue: { retryLimit: 0, expireInSeconds: backupJobExpirySeconds },
    handle: async (_data, context) => {
      await runScheduledBackup(settings, context.clock);
    },
  });
}
