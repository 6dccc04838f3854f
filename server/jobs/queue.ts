import "server-only";
import { fromPrisma, PgBoss, type ConstructorOptions, type JobInsert, type SendOptions } from "pg-boss";
import { z } from "zod";
import { databaseTimeouts, type Transaction } from "../db/client";
import { queryRows, rawRow } from "../db/raw-rows";
import { jobQueueSchema } from "../db/roles";
import { logger } from "../log";

// The job queue: pg-boss on the tracker's own PostgreSQL, in the schema a
// migration built (prisma/migrations/…_job_queue). pg-boss is made for this:
// workers claim jobs with SKIP LOCKED, a cron schedule fires once however many
// workers run, and a job can be inserted through any transaction, so a change
// and the jobs it causes commit or roll back together. Every process that
// enqueues holds one instance (jobQueue); a worker has its own, which also
// runs the schedules and the queue's upkeep (server/jobs/worker.ts).

/** pg-boss's settings for a process of the tracker: its own small pool, as the application role, with the app's timeouts. */
export function jobQueueSettings(overrides: ConstructorOptions = {}): ConstructorOptions {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: the job queue lives in the tracker's PostgreSQL database.");
  const timeouts = databaseTimeouts();
  return {
    connectionString,
    schema: jobQueueSchema,
    // The migrations build and upgrade the schema as its owner; the app's role may not.
    migrate: false,
    createSchema: false,
    // Rebuilding an index needs its owner; bloat is left to PostgreSQL's autovacuum.
    reindex: false,
    supervise: false,
    schedule: false,
    max: 2,
    connectionTimeoutMillis: timeouts.poolMs,
    options: `-c statement_timeout=${timeouts.statementMs} -c lock_timeout=${timeouts.lockMs} -c idle_in_transaction_session_timeout=${timeouts.idleInTransactionMs}`,
    ...overrides,
  };
}

/** Logs what pg-boss reports; an `error` event nobody listens to would end the process. */
export function reportJobQueueEvents(boss: PgBoss): PgBoss {
  boss.on("error", (error) => logger.error({ err: error }, "The job queue reported an error"));
  boss.on("warning", (warning) => logger.warn({ warning: warning.data }, `The job queue: ${warning.message}`));
  return boss;
}

const holder = globalThis as { trackerJobQueue?: Promise<PgBoss> };

/** This process's queue instance, started on first use. */
function jobQueue(): Promise<PgBoss> {
  holder.trackerJobQueue ??= reportJobQueueEvents(new PgBoss(jobQueueSettings()))
    .start()
    .catch((error: unknown) => {
      holder.trackerJobQueue = undefined;
      throw error;
    });
  return holder.trackerJobQueue;
}

/** Stops this process's queue instance (scripts and tests, before they exit). */
export async function stopJobQueue(): Promise<void> {
  const queue = holder.trackerJobQueue;
  holder.trackerJobQueue = undefined;
  await (await queue?.catch(() => undefined))?.stop({ graceful: false });
}

const queuesMade = new Set<string>();

/** Creates the queue `name` once per process; a queue that exists is left as it is. */
export async function ensureQueue(boss: PgBoss, name: string, options?: Parameters<PgBoss["createQueue"]>[1]): Promise<void> {
  if (queuesMade.has(name)) return;
  await boss.createQueue(name, options);
  queuesMade.add(name);
}

/**
 * Queues the job `name` inside the transaction `tx`: it exists once the
 * transaction commits, and never if it rolls back. Returns the job's id, or
 * null when the options (a singleton key) made pg-boss decline a duplicate.
 */
export async function enqueueJob(tx: Transaction, name: string, data: object, options: Omit<SendOptions, "db"> = {}): Promise<string | null> {
  const boss = await jobQueue();
  await ensureQueue(boss, name);
  return boss.send(name, data, { ...options, db: fromPrisma(tx) });
}

/**
 * Queues many jobs of `name` inside the transaction `tx` in one statement,
 * each with the same options: for an event that causes a job per person.
 */
export async function enqueueJobs(tx: Transaction, name: string, data: readonly object[], options: Omit<JobInsert, "data" | "id"> = {}): Promise<void> {
  if (data.length === 0) return;
  const boss = await jobQueue();
  await ensureQueue(boss, name);
  await boss.insert(
    name,
    data.map((each) => ({ ...options, data: each })),
    { db: fromPrisma(tx) },
  );
}

const backlogRow = rawRow("job queue backlog", {
  ready: z.number().int().nonnegative(),
  oldestReadySeconds: z.number().nonnegative(),
});

/**
 * The jobs due to run and not yet taken, and how long the oldest has waited
 * since it came due: an age that grows means no worker keeps up.
 */
export async function jobQueueBacklog(): Promise<z.output<typeof backlogRow>> {
  const [backlog] = await queryRows(backlogRow)`
    SELECT count(*)::int AS ready,
           COALESCE(EXTRACT(EPOCH FROM now() - min(start_after)), 0)::float8 AS "oldestReadySeconds"
      FROM pgboss.job
     WHERE state IN ('created', 'retry') AND start_after <= now()`;
  return backlog!;
}
