import type { AsyncLocalStorage } from "node:async_hooks";
import type { Worker } from "node:cluster";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type * as PromClient from "prom-client";

export interface RequestContext {
  requestId: string;
  userId: string | undefined;
}

export const requestContext: AsyncLocalStorage<RequestContext>;

export interface RouteManifest {
  staticRoutes: { page: string; regex: string }[];
  dynamicRoutes: readonly { page: string; regex: string }[];
}

export function readRouteManifest(projectRoot: string): RouteManifest;
export function routeMatcher(manifest: RouteManifest): (pathname: string) => string;

export interface HttpMetrics {
  requests: PromClient.Counter<"method" | "route" | "status">;
  durations: PromClient.Histogram<"method" | "route" | "status">;
}

export function httpMetrics(client: typeof PromClient): HttpMetrics;

export function observeRequests(options: {
  logger: Logger;
  routeOf: (pathname: string) => string;
  metrics?: HttpMetrics;
  handle: (request: IncomingMessage, response: ServerResponse, requestId: string) => unknown;
}): (request: IncomingMessage, response: ServerResponse) => unknown;

export function answerMetricsRequest(aggregator: PromClient.AggregatorRegistry<PromClient.PrometheusContentType>, worker: Worker, message: unknown): boolean;
export function clusterMetricsOfPrimary(): () => Promise<string>;

export function consoleToLogger(logger: Logger): void;
