// The job queue (server/jobs): a job is queued in the transaction of the
// change that causes it, and a queued job runs once however many workers take
// from the queue, as the application role.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client";
import { enqueueJob, jobQueueBacklog, stopJobQueue } from "../../server/jobs/queue";
import { defineJob, startWorker, type JobContext, type Worker } from "../../server/jobs/worker";

const queueName = () => `test-${randomBytes(4).toString("hex")}`;

async function jobsIn(queue: string): Promise<{ data: unknown; state: string }[]> {
  return db().$queryRawUnsafe(`SELECT data, state::text FROM pgboss.job WHERE name = $1`, queue);
}

/** Resolves once `check` holds, asking again as the workers go on (the test's timeout ends a wait that never does). */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 100));
}

const workers: Worker[] = [];

afterAll(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  await stopJobQueue();
});

describe("enqueueJob", () => {
  it("queues nothing when the transaction it was queued in rolls back", async () => {
    const queue = queueName();
    await expect(
      db().$transaction(async (tx) => {
        await enqueueJob(tx, queue, { n: 1 });
        throw new Error("the change fails");
      }),
    ).rejects.toThrow("the change fails");
    expect(await jobsIn(queue)).toEqual([]);
  });

  it("queues the job with its data when the transaction commits", async () => {
    const queue = queueName();
    await db().$transaction(async (tx) => {
      await enqueueJob(tx, queue, { n: 2 });
    });
    expect(await jobsIn(queue)).toEqual([{ data: { n: 2 }, state: "created" }]);
    expect(await jobQueueBacklog()).toMatchObject({ ready: 1 });
  });
});

describe("startWorker", () => {
  it("runs a queued job once with three workers started at once, with the worker's clock", async () => {
    const queue = queueName();
    const runs: { data: object; context: JobContext }[] = [];
    const clock = () => new Date("2026-03-01T08:00:00Z");
    const job = defineJob<{ n: number }>({
      name: queue,
      handle: async (data, context) => {
        runs.push({ data, context });
      },
    });
    workers.push(...(await Promise.all([1, 2, 3].map(() => startWorker({ jobs: [job], clock, pollingIntervalSeconds: 0.5 })))));
    await db().$transaction(async (tx) => {
      await enqueueJob(tx, queue, { n: 3 });
    });
    await eventually(async () => (await jobsIn(queue)).every((row) => row.state === "completed"));
    expect(runs).toEqual([{ data: { n: 3 }, context: expect.objectContaining({ now: clock(), retryCount: 0 }) }]);
  });
});

describe("npm run worker", () => {
  it("runs until SIGTERM, then lets its jobs finish and exits 0", async () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const worker = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", path.join(root, "scripts/worker.ts")], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    worker.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    worker.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exit = new Promise<number | null>((resolve) => worker.once("exit", resolve));
    await eventually(async () => output.includes("The job worker runs") || worker.exitCode !== null);
    worker.kill("SIGTERM");
    expect(await exit, output).toBe(0);
    expect(output).toContain("The job worker is stopping");
  }, 60_000);
});
