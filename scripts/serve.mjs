// node scripts/serve.mjs [--port <port>] [--hostname <host>]
// Serves the production build with one Next.js server process per core on one
// port. A Next.js server renders pages on a single thread, so one process
// leaves the other cores idle; nothing that must agree lives in a process's
// memory (sessions are tokens, sign-in limits are in PostgreSQL, kept figures
// check the plan revision on every read), so the processes need no
// coordination. WEB_CONCURRENCY sets how many (default: the cores the machine
// offers).
//
// This primary process accepts every connection and hands it, socket and all,
// to the server process holding the fewest open connections. Node's cluster
// scheduling hands each new connection instead to whichever process answers
// first, so a process busy rendering takes fewer and the other more: with 20
// kept-alive connections, splits of 8 to 12 left one process idle while pages
// queued on the other (docs/benchmarks.md, seventh measurement). Handing over
// the socket, rather than relaying its bytes, keeps the client's own address.
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import http from "node:http";
import net from "node:net";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import securityHeaders from "../security-headers.json" with { type: "json" };
import pg from "pg";
import client from "prom-client";
import { createLogger } from "../server/logger.mjs";
import {
  answerMetricsRequest,
  clusterMetricsOfPrimary,
  consoleToLogger,
  httpMetrics,
  observeRequests,
  readRouteManifest,
  requestContext,
  routeMatcher,
} from "./lib/observability.mjs";
import { publicPages } from "./lib/public-cache.mjs";

/** Whether the address is an embeddable card's, which other sites may frame. */
const framedAddress = new RegExp(`^${securityHeaders.framedUnder}(?:[/?]|$)`);
const framed = (url = "") => framedAddress.test(url);

const projectRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");

// Every process logs one JSON line per event to standard output (server/logger.mjs).
let logger;
try {
  logger = createLogger();
} catch (error) {
  console.error(error.message);
  process.exit(2);
}

const { values: options } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const port = Number(options.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  logger.fatal(`The port must be a whole number from 0 to 65535; it is "${options.port ?? process.env.PORT}".`);
  process.exit(2);
}

function workerCount(value) {
  if (value === undefined || value.trim() === "") return availableParallelism();
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) {
    logger.fatal(`WEB_CONCURRENCY must be a whole number from 1; it is "${value}".`);
    process.exit(2);
  }
  return count;
}

if (cluster.isPrimary) {
  const count = workerCount(process.env.WEB_CONCURRENCY);
  const startedAt = new Map();
  /** Open connections of each server process that is ready to take them. */
  const openConnections = new Map();
  /** Sockets sent to each process and not yet acknowledged: closed if it dies before taking them. */
  const inHandOff = new Map();
  let stopping = false;
  let listening = false;

  // noDelay as http.createServer sets it: a page streams in small writes, which Nagle's algorithm would hold back.
  const balancer = net.createServer({ pauseOnConnect: true, noDelay: true }, (socket) => {
    const ready = [...openConnections.keys()].map((id) => cluster.workers?.[id]).filter((worker) => worker?.isConnected());
    if (ready.length === 0) return socket.destroy();
    const worker = ready.reduce((fewest, candidate) => (openConnections.get(candidate.id) < openConnections.get(fewest.id) ? candidate : fewest));
    openConnections.set(worker.id, openConnections.get(worker.id) + 1);
    inHandOff.get(worker.id)?.add(socket);
    worker.send("connection", socket, (error) => {
      inHandOff.get(worker.id)?.delete(socket);
      if (!error) return;
      socket.destroy();
      if (openConnections.has(worker.id)) openConnections.set(worker.id, openConnections.get(worker.id) - 1);
    });
  });
  balancer.on("error", (error) => {
    logger.fatal(`The tracker cannot listen on port ${port}: ${error.message}`);
    stop("SIGTERM", 1);
  });

  function stop(signal, exitCode = 0) {
    stopping = true;
    process.exitCode ||= exitCode;
    balancer.close();
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode);
  }

  // Each server process counts its own metrics; this gathers those of every process.
  const aggregator = new client.AggregatorRegistry();

  function fork() {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
    worker.on("message", (message) => {
      if (answerMetricsRequest(aggregator, worker, message)) return;
      if (message === "ready") {
        openConnections.set(worker.id, 0);
        inHandOff.set(worker.id, new Set());
        // Listen once every process can take connections, as `next start` does once it is ready.
        if (!listening && openConnections.size === count) {
          listening = true;
          balancer.listen(port, options.hostname, () => logger.info(`Serving on http://${options.hostname ?? "localhost"}:${port} with ${count} server processes`));
        }
      } else if (message === "closed" && openConnections.has(worker.id)) {
        openConnections.set(worker.id, openConnections.get(worker.id) - 1);
      }
    });
  }

  for (let index = 0; index < count; index++) fork();
  cluster.on("exit", (worker, code, signal) => {
    openConnections.delete(worker.id);
    for (const socket of inHandOff.get(worker.id) ?? []) socket.destroy();
    inHandOff.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    // A process that cannot even start (no build, say), or one replaced a moment ago, would fail again: stop, with its code.
    if (Date.now() - startedAt.get(worker.id) < 30_000) {
      console.error(`A server process ended (${signal ?? `exit code ${code}`}) within 30 s of its start, so another would fail too; the server stops.`);
      return stop("SIGTERM", code || 1);
    }
    // One process failing later must not leave the others serving alone for good.
    logger.error(`A server process ended (${signal ?? `exit code ${code}`}); starting another.`);
    fork();
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(signal));
} else {
  process.title = "tracker-server";
  consoleToLogger(logger);
  client.collectDefaultMetrics();
  // Constructing one makes this process answer the primary's requests for its metrics.
  new client.AggregatorRegistry();
  // What the app finds of its server process (server/server-process.ts).
  globalThis[Symbol.for("tracker.serverProcess")] = { requestContext, clusterMetrics: clusterMetricsOfPrimary() };

  // The nonce proxy.ts gives the public pages of this process, which scripts/lib/public-cache.mjs replaces with their scripts' hashes.
  const publicPageNonce = randomBytes(16).toString("hex");
  process.env.PUBLIC_PAGE_NONCE = publicPageNonce;
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: projectRoot, hostname: options.hostname ?? "localhost", port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // One connection of its own for the plan revision the kept public pages are checked against (scripts/lib/public-cache.mjs).
  // With a replica it reads the replica's, which the pages' reads are never behind: a page is never kept under a newer revision than it shows.
  const revisionPool = new pg.Pool({ connectionString: process.env.DATABASE_REPLICA_URL?.trim() || process.env.DATABASE_URL, max: 1, idleTimeoutMillis: 0, connectionTimeoutMillis: 2_000, statement_timeout: 2_000, query_timeout: 3_000 });
  revisionPool.on("error", (error) => logger.warn({ err: error }, "The plan revision's connection failed"));
  const answerPublicPage = publicPages({
    marker: publicPageNonce,
    readRevision: async () => (await revisionPool.query('SELECT revision FROM "PlanRevision" WHERE id = 1')).rows[0]?.revision ?? "0",
  });
  const observe = observeRequests({
    logger,
    routeOf: routeMatcher(readRouteManifest(projectRoot)),
    metrics: httpMetrics(client),
    handle: (request, response, requestId) => {
      // The connection's own address ends X-Forwarded-For, after whatever the
      // client or the proxies before it wrote there; server/auth/client-address.ts
      // counts TRUSTED_PROXY_COUNT entries back from it. Next.js itself adds it
      // only when the header is missing, which leaves a client's own header unchecked.
      const written = request.headers["x-forwarded-for"];
      const address = request.socket.remoteAddress ?? "";
      request.headers["x-forwarded-for"] = written ? `${written}, ${address}` : address;
      // Next.js answers some requests before next.config.ts's headers and
      // proxy.ts run (a path with repeated slashes or a backslash gets a bare
      // 308), so every answer starts with the security headers and the
      // strictest policy; those of next.config.ts and proxy.ts replace them.
      for (const { key, value } of securityHeaders.everyResponse) response.setHeader(key, value);
      // The embeddable cards are framed by the sites their frame-ancestors name (proxy.ts); next.config.ts skips them alike.
      if (!framed(request.url)) response.setHeader(securityHeaders.frameOptions.key, securityHeaders.frameOptions.value);
      response.setHeader("Content-Security-Policy", securityHeaders.strictestPolicy);
      return answerPublicPage(request, response, () => handle(request, response)).catch((error) => {
        logger.error({ err: error, requestId }, "A request failed");
        // A page already under way cannot become an error page: cut it, so that it is not taken for whole.
        if (response.headersSent) return response.destroy(error);
        response.writeHead(500).end("Internal Server Error");
      });
    },
  });
  const server = http.createServer(observe);
  const sockets = new Set();
  // Node tracks header and request timeouts (against clients that send a request
  // slowly, to hold connections) from the moment a server is listening; this one
  // never listens itself, as the primary hands it its connections.
  server.emit("listening");
  process.on("message", (message, socket) => {
    if (message !== "connection" || !socket) return;
    sockets.add(socket);
    socket.once("close", () => {
      sockets.delete(socket);
      if (process.connected) process.send("closed");
    });
    server.emit("connection", socket);
    socket.resume();
  });
  // Stopping, as next start does: requests under way finish (for up to 10 s), kept-alive connections close once idle, then Next.js closes.
  let stopping = false;
  async function stop() {
    if (stopping) return;
    stopping = true;
    const deadline = Date.now() + 10_000;
    while (sockets.size > 0 && Date.now() < deadline) {
      server.closeIdleConnections();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await app.close().catch((error) => logger.error({ err: error }, "Next.js did not close cleanly"));
    await revisionPool.end().catch(() => undefined);
    process.exit(0);
  }
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void stop());
  process.send("ready");
}
