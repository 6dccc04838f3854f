import "server-only";
import { scheduledBackupJob } from "../backups/scheduled";
import { backupSettings } from "../backups/settings";
import { digestJob } from "../digests";
import { sendEmailJob } from "../email/send";
import { remindersJob } from "../reminders";
import type { JobDefinition } from "./worker";

/**
 * Every kind of job the worker runs (scripts/worker.ts). A job is enqueued
 * by name (server/jobs/queue.ts) or runs on its schedule. Throws
 * BackupSettingsError on a backup setting the worker cannot keep.
 */
export function registeredJobs(env: Record<string, string | undefined> = process.env): JobDefinition[] {
  return [sendEmailJob, remindersJob, digestJob, scheduledBackupJob(backupSettings(env))];
}
