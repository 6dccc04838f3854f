import "server-only";
import client from "prom-client";
import { databasePool } from "./db/client";
import { jobQueueBacklog } from "./jobs/queue";
import { serverProcess } from "./server-process";

// The app's own metrics, beside those scripts/serve.mjs keeps of every request
// and Node.js's defaults, all in prom-client's registry of the server process.
// Next.js may load this module more than once in a process (its bundles for
// pages and for route handlers): a metric is made once and found after that.

function metric<M extends client.Metric>(name: string, make: (name: string) => M): M {
  return (client.register.getSingleMetric(name) as M | undefined) ?? make(name);
}

const signInFailures = metric(
  "sign_in_failures_total",
  (name) => new client.Counter({ name, help: "Failed sign-ins (user.signIn.fail in the audit trail), by method and reason", labelNames: ["method", "reason"] }),
);

metric(
  "db_pool_connections",
  (name) =>
    new client.Gauge({
      name,
      help: "Connections of the database pool, in use or idle",
      labelNames: ["state"],
      collect() {
        const pool = databasePool();
        this.set({ state: "in_use" }, pool ? pool.totalCount - pool.idleCount : 0);
        this.set({ state: "idle" }, pool?.idleCount ?? 0);
      },
    }),
);

metric(
  "db_pool_waiting",
  (name) =>
    new client.Gauge({
      name,
      help: "Queries waiting for a free connection of the database pool",
      collect() {
        this.set(databasePool()?.waitingCount ?? 0);
      },
    }),
);

metric(
  "db_pool_max_connections",
  (name) =>
    new client.Gauge({
      name,
      help: "Connections the database pool may open (DATABASE_POOL_SIZE)",
      collect() {
        this.set(databasePool()?.options.max ?? 0);
      },
    }),
);

// Read from the database at each scrape; the same figure in every server
// process, so the cluster's answer keeps one (not the sum).
const jobQueueBacklogGauge = (name: string, help: string, read: (backlog: Awaited<ReturnType<typeof jobQueueBacklog>>) => number) =>
  metric(
    name,
    (name) =>
      new client.Gauge({
        name,
        help,
        aggregator: "max",
        async collect() {
          // A database that does not answer leaves the last figure; the health check reports the outage.
          const backlog = await jobQueueBacklog().catch(() => null);
          if (backlog) this.set(read(backlog));
        },
      }),
  );

jobQueueBacklogGauge("job_queue_ready_jobs", "Jobs due to run and not yet taken by a worker", (backlog) => backlog.ready);
jobQueueBacklogGauge("job_queue_oldest_ready_seconds", "How long the oldest job due to run has waited since it came due", (backlog) => backlog.oldestReadySeconds);

/** Counts a failed sign-in; called once its audit event is committed. */
export function countSignInFailure(method: "password" | "sso", reason: string): void {
  signInFailures.inc({ method, reason });
}

/**
 * The metrics in Prometheus's text format: of every server process when
 * scripts/serve.mjs runs several, otherwise of this one.
 */
export async function metricsText(): Promise<string> {
  const cluster = serverProcess();
  return cluster ? cluster.clusterMetrics() : client.register.metrics();
}

export const metricsContentType = client.register.contentType;
