import "server-only";
import { PgBoss, type Queue } from "pg-boss";
import { logger } from "../log";
import { ensureQueue, jobQueueSettings, reportJobQueueEvents } from "./queue";

/** What a job's handler is told besides its data. */
export interface JobContext {
  /** The time as the worker's clock reads it when the attempt starts. */
  now: Date;
  /** The worker's clock, for a handler that notes when its steps end. */
  clock: () => Date;
  jobId: string;
  /** 0 on the first attempt. */
  retryCount: number;
  /** Whether pg-boss will not try again should this attempt fail. */
  lastAttempt: boolean;
}

/** A kind of job: its queue's name, what runs it, and when it runs by itself. */
export interface JobDefinition<Data extends object = object> {
  name: string;
  handle(data: Data, context: JobContext): Promise<void>;
  /**
   * A cron expression (UTC): the job is sent with no data at each time it
   * names, once however many workers run. Without one, the job runs only
   * when something enqueues it (server/jobs/queue.ts), and a schedule it had
   * is removed.
   */
  schedule?: string | null;
  /** The queue's retry and expiry settings; pg-boss's defaults otherwise. */
  queue?: Omit<Queue, "name">;
}

/** A job definition with its data's type checked where it is written. */
export function defineJob<Data extends object>(definition: JobDefinition<Data>): JobDefinition<Data> {
  return definition;
}

export interface WorkerOptions {
  jobs: readonly JobDefinition[];
  /** The clock handlers read (tests set it). */
  clock?: () => Date;
  /** How often an idle worker looks for jobs; pg-boss's 2 s otherwise. */
  pollingIntervalSeconds?: number;
}

export interface Worker {
  /** Lets running jobs finish (up to 30 s), then stops taking jobs and closes the worker's connections. */
  stop(): Promise<void>;
}

/**
 * Starts a worker on this process: it takes the jobs of every definition's
 * queue as they come due (one at a time per queue), keeps the schedules, and
 * does pg-boss's upkeep (expired jobs retried, finished ones removed). Any
 * number of workers may run on one database: each job goes to one of them.
 */
export async function startWorker({ jobs, clock = () => new Date(), pollingIntervalSeconds }: WorkerOptions): Promise<Worker> {
  const boss = reportJobQueueEvents(new PgBoss(jobQueueSettings({ supervise: true, schedule: true, max: 4 })));
  await boss.start();
  try {
    for (const job of jobs) {
      await ensureQueue(boss, job.name, job.queue);
      if (job.queue) await boss.updateQueue(job.name, job.queue);
      if (job.schedule) await boss.schedule(job.name, job.schedule, null, { tz: "UTC" });
      else await boss.unschedule(job.name);
      await boss.work(job.name, { includeMetadata: true, batchSize: 1, ...(pollingIntervalSeconds ? { pollingIntervalSeconds } : {}) }, async ([attempt]) => {
        if (!attempt) return;
        const context: JobContext = {
          now: clock(),
          clock,
          jobId: attempt.id,
          retryCount: attempt.retryCount,
          lastAttempt: attempt.retryCount >= attempt.retryLimit,
        };
        try {
          await job.handle(attempt.data ?? {}, context);
        } catch (error) {
          logger.warn({ err: error, job: job.name, jobId: attempt.id, retryCount: attempt.retryCount }, `The job ${job.name} failed${context.lastAttempt ? "" : "; it will be tried again"}`);
          throw error;
        }
      });
    }
  } catch (error) {
    await boss.stop({ graceful: false });
    throw error;
  }
  return { stop: () => boss.stop({ graceful: true, timeout: 30_000 }) };
}
