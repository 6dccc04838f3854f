import "server-only";
import path from "node:path";
import { CronExpressionParser } from "cron-parser";
import { positiveSetting } from "../env";

// Scheduled backups are configured by three variables, read once by every
// process that needs them: `npm start` (which refuses to start on a bad one),
// the job worker (which keeps the schedule) and the admins' backups page.

export interface BackupSettings {
  /** A cron expression in UTC; null when scheduled backups are off. */
  schedule: string | null;
  /** How many of the newest backups are kept; older ones are removed. */
  keep: number;
  /** The folder the worker writes them to, absolute. */
  dir: string;
}

/** A setting the tracker refuses to start with; the message names the variable and what it must be. */
export class BackupSettingsError extends Error {}

const defaultKeep = 7;

/** How long a backup may take before the queue gives up on it; pg-boss's 15 minutes would end a large one still being written. */
export const backupJobExpirySeconds = 6 * 3_600;

function cronProblem(schedule: string): string | null {
  try {
    CronExpressionParser.parse(schedule, { tz: "UTC", strict: false });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * BACKUP_SCHEDULE, BACKUP_KEEP and BACKUP_DIR, checked: a schedule is parsed
 * by cron-parser as pg-boss parses it, so a schedule accepted here is one
 * the worker can keep.
 */
export function backupSettings(env: Record<string, string | undefined> = process.env): BackupSettings {
  const schedule = env.BACKUP_SCHEDULE?.trim() || null;
  if (schedule) {
    // cron-parser reads missing fields as "*" and a sixth as seconds; either would run backups far more often than meant.
    const problem = schedule.startsWith("@") || schedule.split(/\s+/).length === 5 ? cronProblem(schedule) : "it needs five fields";
    if (problem) {
      throw new BackupSettingsError(
        `BACKUP_SCHEDULE must be a cron expression in UTC (minute hour day-of-month month day-of-week), e.g. "0 3 * * *" for 03:00 every day; ` +
          `it is "${env.BACKUP_SCHEDULE}" (${problem}). Leave it unset for no scheduled backups.`,
      );
    }
  }
  let keep: number;
  try {
    keep = positiveSetting(env, "BACKUP_KEEP", defaultKeep, "wholeNumber");
  } catch (error) {
    throw new BackupSettingsError(`${(error as Error).message} It is how many scheduled backups are kept.`);
  }
  return { schedule, keep, dir: path.resolve(/*turbopackIgnore: true*/ env.BACKUP_DIR?.trim() || "backups") };
}
