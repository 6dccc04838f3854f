import "server-only";
import { currentRequestId } from "./audit";
import { createLogger } from "./logger.mjs";
import { serverProcess } from "./server-process";

/** The app's logger: JSON lines on standard output, at LOG_LEVEL (server/logger.mjs). */
export const logger = createLogger();

/**
 * Logs a fault nobody expected, with its stack and the id of the request it
 * broke, so that an operator can find it from what the person saw. The person
 * is told only that something went wrong.
 */
export async function logFault(error: unknown, message: string): Promise<void> {
  logger.error({ err: error, requestId: await currentRequestId() }, message);
}

/** Names the signed-in person in the request's log line (written by scripts/serve.mjs when the answer ends). */
export function noteRequestUser(userId: string): void {
  const context = serverProcess()?.requestContext.getStore();
  if (context) context.userId = userId;
}
