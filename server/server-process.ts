import "server-only";
import type { AsyncLocalStorage } from "node:async_hooks";

/** The request a server process is answering, as scripts/serve.mjs logs it. */
interface RequestContext {
  requestId: string;
  /** The request's method: one that may write reads the primary (server/db/client.ts). */
  method: string | undefined;
  /** The signed-in person, once the app has read the session. */
  userId: string | undefined;
}

/**
 * What scripts/serve.mjs offers the app in each of its server processes: the
 * context of the request being answered, for its log line, and the metrics of
 * every server process together. Absent when the app is served otherwise
 * (`next dev`, `next start`, the tests).
 */
interface ServerProcess {
  requestContext: AsyncLocalStorage<RequestContext>;
  clusterMetrics(): Promise<string>;
}

export function serverProcess(): ServerProcess | undefined {
  return (globalThis as { [key: symbol]: ServerProcess | undefined })[Symbol.for("tracker.serverProcess")];
}
