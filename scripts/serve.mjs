// node scripts/serve.mjs --port <port>
// Serves the production build with one `next start` per core on one port
// (node:cluster shares the listening socket among them). A Next.js server
// renders pages on a single thread, so one process leaves the other cores
// idle; nothing that must agree lives in a process's memory (sessions are
// tokens, sign-in limits are in PostgreSQL, kept figures check the plan
// revision on every read), so the processes need no coordination.
// WEB_CONCURRENCY sets how many (default: the cores the machine offers).
import cluster from "node:cluster";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const nextBin = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "node_modules", "next", "dist", "bin", "next");

function workerCount(value) {
  if (value === undefined || value.trim() === "") return availableParallelism();
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) {
    console.error(`WEB_CONCURRENCY must be a whole number from 1; it is "${value}".`);
    process.exit(2);
  }
  return count;
}

if (cluster.isPrimary) {
  const count = workerCount(process.env.WEB_CONCURRENCY);
  const startedAt = new Map();
  const fork = () => startedAt.set(cluster.fork().id, Date.now());
  let stopping = false;
  for (let index = 0; index < count; index++) fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // A process that cannot even start (no build, port taken) would fail again: stop, with its code.
    if (Date.now() - startedAt.get(worker.id) < 30_000) {
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
      process.exitCode = code || 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode);
      return;
    }
    // One process failing later must not leave the others serving alone for good.
    console.error(`A server process ended (${signal ?? `exit code ${code}`}); starting another.`);
    fork();
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    });
  }
} else {
  process.argv = [process.argv[0], nextBin, "start", ...process.argv.slice(2)];
  await import(nextBin);
}
