import "server-only";
import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import { recordRefusedApiCall } from "./access-refusals";
import { Prisma } from "./db/generated/client";
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  MetricsTokenRequiredError,
  NotFoundError,
  PayloadTooLargeError,
  SecondFactorEnrolmentRequiredError,
  TooManyAttemptsError,
  UnauthenticatedError,
  ValidationError,
} from "./errors";
import { logFault } from "./log";

// The one place where errors become HTTP answers for the JSON API. Messages
// are the English ones of messages/en.json; `error` is a stable code.
const t = createTranslator({ locale: "en", messages: en });

type RouteHandler<Context> = (request: Request, context: Context) => Promise<Response>;

/** Wraps a route handler so that every error becomes a JSON answer, and every refusal an audit event. */
export function apiRoute<Context>(handler: RouteHandler<Context>): RouteHandler<Context> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      await recordRefusedApiCall(request, error);
      return errorResponse(error);
    }
  };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ValidationError) {
    const fields = Object.fromEntries(
      Object.entries(error.fieldErrors).map(([field, issues]) => [
        field,
        issues.map((issue) => ({ code: issue.code, message: validationMessage(issue.code, issue.values) })),
      ]),
    );
    return json({ error: "validation", message: t("errors.validation"), fields }, 400);
  }
  if (error instanceof UnauthenticatedError) return json({ error: "unauthenticated", message: t("errors.unauthenticated") }, 401);
  if (error instanceof MetricsTokenRequiredError) {
    return json({ error: "unauthenticated", message: t("errors.metricsTokenRequired") }, 401, { "WWW-Authenticate": "Bearer" });
  }
  if (error instanceof SecondFactorEnrolmentRequiredError) {
    return json({ error: "second_factor_enrolment_required", message: t("errors.secondFactorEnrolmentRequired") }, 403);
  }
  if (error instanceof ForbiddenError) return json({ error: "forbidden", message: t("errors.forbidden") }, 403);
  if (error instanceof NotFoundError) return json({ error: "not_found", message: t("errors.notFound") }, 404);
  if (error instanceof ConflictError) {
    return json({ error: "conflict", message: t(`errors.conflict.${error.reason}` as "errors.conflict.stale"), current: error.current }, 409);
  }
  if (error instanceof PayloadTooLargeError) {
    return json({ error: "payload_too_large", message: t("errors.payloadTooLarge", { kilobytes: Math.ceil(error.limitBytes / 1024) }) }, 413);
  }
  if (error instanceof TooManyAttemptsError) {
    const minutes = Math.ceil(error.retryAfterSeconds / 60);
    const body = { error: "too_many_attempts", message: t("errors.tooManyAttempts", { minutes }), retryAfterSeconds: error.retryAfterSeconds };
    return json(body, 429, { "Retry-After": String(error.retryAfterSeconds) });
  }
  if (error instanceof DomainError) return json({ error: "bad_request", message: error.message }, 400);
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") {
    return json({ error: "not_found", message: t("errors.notFound") }, 404);
  }
  if (isDatabaseUnavailable(error)) {
    return json({ error: "unavailable", message: t("errors.unavailable") }, 503);
  }
  void logFault(error, "An API request failed");
  return json({ error: "internal", message: t("errors.internal") }, 500);
}

function validationMessage(code: string, values?: Record<string, string | number>): string {
  const key = `validation.${code}`;
  return t.has(key as "validation.invalid") ? t(key as "validation.invalid", values) : t("validation.invalid");
}

// How pg, Prisma's pg adapter and Prisma say that the database cannot be
// reached or went away. Seen with a real PostgreSQL stopped and stopping: a
// refused connection comes as Prisma's P1001, or as P2010 whose adapter error
// is DatabaseNotReachable (raw queries); a server stopping mid-query ends the
// connection with 57P01, and the transaction then fails with pg's "not
// queryable" as it rolls back. A full server (53300, TooManyConnections) or
// pool (P2024, the pool's connect timeout) is unavailable for the moment too.
const unavailableCodes = new Set([
  "P1001", "P1002", "P1008", "P1017", "P2024",
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND",
  "57P01", "57P02", "57P03", "53300",
]);
const unavailableKinds = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const unavailableMessages = /Connection terminated|not queryable|timeout exceeded when trying to connect|Can't reach database server/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  // The error, its causes and the driver adapter's error Prisma wraps, breadth first.
  const pending: unknown[] = [error];
  const seen = new Set<unknown>();
  while (pending.length > 0) {
    const node = pending.shift();
    if (typeof node !== "object" || node === null || seen.has(node)) continue;
    seen.add(node);
    const { code, kind, message, cause, meta } = node as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    if (typeof code === "string" && (unavailableCodes.has(code) || code.startsWith("08"))) return true;
    if (typeof kind === "string" && unavailableKinds.has(kind)) return true;
    if (typeof message === "string" && unavailableMessages.test(message)) return true;
    pending.push(cause, meta?.driverAdapterError);
  }
  return false;
}

const defaultBodyLimitBytes = 1024 * 1024;
// The proxy (proxy.ts) holds request bodies up to 10 MB and cuts longer ones
// short (Next.js proxyClientMaxBodySize), so no higher limit can be kept.
const proxyBodyBytes = 10 * 1024 * 1024;

/** The largest request body the API reads: API_BODY_LIMIT_BYTES, 1 MB unless set. */
export function apiBodyLimitBytes(): number {
  const configured = Number(process.env.API_BODY_LIMIT_BYTES);
  return Number.isSafeInteger(configured) && configured > 0 ? Math.min(configured, proxyBodyBytes) : defaultBodyLimitBytes;
}

/**
 * The JSON body of a request. A body over the limit is refused by its
 * Content-Length before anything is read, or as soon as the bytes read pass
 * the limit when it has none (a chunked upload); a body that is not JSON in
 * UTF-8 is a field error of the form.
 */
export async function readJson(request: Request): Promise<unknown> {
  const limit = apiBodyLimitBytes();
  if (Number(request.headers.get("content-length")) > limit) throw new PayloadTooLargeError(limit);
  const body = await readBody(request, limit);
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    throw new ValidationError({ _form: [{ code: "invalidJson" }] });
  }
}

async function readBody(request: Request, limit: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks);
}
