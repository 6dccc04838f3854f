import "server-only";
import { sendEmailJob } from "../email/send";
import { remindersJob } from "../reminders";
import type { JobDefinition } from "./worker";

/**
 * Every kind of job the worker runs (scripts/worker.ts). A job is enqueued
 * by name (server/jobs/queue.ts) or runs on its schedule.
 */
export function registeredJobs(): JobDefinition[] {
  return [sendEmailJob, remindersJob];
}
