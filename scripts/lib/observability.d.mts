import type { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";

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

export function observeRequests(options: {
  logger: Logger;
  routeOf: (pathname: string) => string;
  handle: (request: IncomingMessage, response: ServerResponse, requestId: string) => unknown;
}): (request: IncomingMessage, response: ServerResponse) => unknown;

export function consoleToLogger(logger: Logger): void;
