// What scripts/serve.mjs records of each request: one log line and the HTTP
// metrics. serve.mjs sees every answer (pages, the API, server actions,
// redirects, static files), so they are recorded there, once.
import { AsyncLocalStorage } from "node:async_hooks";
import { readFileSync } from "node:fs";
import path from "node:path";
import { format } from "node:util";
import { requestIdOf } from "../../server/request-id.mjs";

/**
 * The request a server process is answering: its id, and the signed-in
 * person once the app has read the session (server/log.ts notes them).
 */
export const requestContext = new AsyncLocalStorage();

/**
 * The route patterns of the build (`/milestones/[id]`), from Next.js's routes
 * manifest, to name a request's route as the app folder does and to keep the
 * metrics' labels to a bounded set whatever paths clients ask for.
 */
export function readRouteManifest(projectRoot) {
  return JSON.parse(readFileSync(path.join(projectRoot, ".next", "routes-manifest.json"), "utf8"));
}

/** The route of a path: its pattern in the manifest, `/_next/static` for the build's files, `unmatched` for anything else. */
export function routeMatcher(manifest) {
  const routes = [...manifest.staticRoutes, ...manifest.dynamicRoutes].map((route) => ({ page: route.page, regex: new RegExp(route.regex) }));
  return (pathname) => {
    if (pathname.startsWith("/_next/static/")) return "/_next/static";
    return routes.find((route) => route.regex.test(pathname))?.page ?? "unmatched";
  };
}

/** The counters serve.mjs keeps of the requests, in the registry /api/metrics reads. */
export function httpMetrics(client) {
  const labelNames = ["method", "route", "status"];
  return {
    requests: new client.Counter({ name: "http_requests_total", help: "Requests answered, by method, route and status", labelNames }),
    durations: new client.Histogram({ name: "http_request_duration_seconds", help: "Time from a request's arrival to the end of its answer", labelNames }),
  };
}

/**
 * A request handler that gives each request its id (kept on the request for
 * the app, echoed as X-Request-Id), runs `handle` within its context, and once
 * the answer ends logs one line and counts it. The line holds the request's
 * method, route and path (never the query, which may carry a token), its
 * status and duration and who made it: never a header or the body.
 */
export function observeRequests({ logger, routeOf, metrics, handle }) {
  return (request, response) => {
    const startedAt = process.hrtime.bigint();
    const requestId = requestIdOf(request.headers["x-request-id"]);
    request.headers["x-request-id"] = requestId;
    response.setHeader("X-Request-Id", requestId);
    const context = { requestId, method: request.method, userId: undefined };
    const pathname = (request.url ?? "/").split("?")[0];
    response.once("close", () => {
      const route = routeOf(pathname);
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      const durationMs = Math.round(seconds * 1e5) / 100;
      const answered = response.headersSent;
      const aborted = !response.writableFinished;
      logger.info(
        {
          requestId,
          method: request.method,
          route,
          path: pathname,
          status: answered ? response.statusCode : null,
          durationMs,
          userId: context.userId,
          ...(aborted ? { aborted } : {}),
        },
        "request",
      );
      const labels = { method: request.method, route, status: answered ? String(response.statusCode) : "aborted" };
      metrics?.requests.inc(labels);
      metrics?.durations.observe(labels, seconds);
    });
    return requestContext.run(context, () => handle(request, response, requestId));
  };
}

// /api/metrics is answered by whichever server process the request reaches,
// yet it reports the whole server: that process asks the primary, which
// gathers the metrics of every process (prom-client's cluster aggregation).
const metricsRequest = "tracker:metrics";

/** In the primary: answers a server process's request for every process's metrics; false for any other message. */
export function answerMetricsRequest(aggregator, worker, message) {
  if (message?.type !== metricsRequest) return false;
  aggregator.clusterMetrics().then(
    (text) => worker.send({ type: metricsRequest, id: message.id, text }),
    (error) => worker.send({ type: metricsRequest, id: message.id, error: error.message }),
  );
  return true;
}

/** In a server process: a function that asks the primary for every process's metrics, in Prometheus's text format. */
export function clusterMetricsOfPrimary() {
  const pending = new Map();
  let sent = 0;
  process.on("message", (message) => {
    if (message?.type !== metricsRequest) return;
    const request = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) request?.reject(new Error(message.error));
    else request?.resolve(message.text);
  });
  return () =>
    new Promise((resolve, reject) => {
      const id = sent++;
      pending.set(id, { resolve, reject });
      process.send({ type: metricsRequest, id });
    });
}

/**
 * Sends what Next.js and the libraries it runs write to the console through
 * the logger, so that the server's output stays one JSON line per event; an
 * error keeps its stack, and a message written while answering a request
 * carries the request's id.
 */
export function consoleToLogger(logger) {
  const levels = { error: "error", warn: "warn", info: "info", log: "info", debug: "debug" };
  for (const [method, level] of Object.entries(levels)) {
    console[method] = (...args) => {
      const err = args.find((arg) => arg instanceof Error);
      const rest = args.filter((arg) => arg !== err);
      logger[level]({ requestId: requestContext.getStore()?.requestId, err }, rest.length > 0 ? format(...rest) : err?.message);
    };
  }
}
