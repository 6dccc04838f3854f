import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import { recordRefusedApiCall } from "./access-refusals";
import { Prisma } from "./db/generated/client";
import { publicOrigin } from "./env";
import {
  ApiTokenRejectedError,
  ConflictError,
  CrossSiteRequestError,
  DomainError,
  ForbiddenError,
  MetricsTokenRequiredError,
  NotFoundError,
  PayloadTooLargeError,
  ReadOnlyTokenError,
  SecondFactorEnrolmentRequiredError,
  TooManyAttemptsError,
  TooManyRequestsError,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from "./errors";
import { logFault } from "./log";

// The one place where errors become HTTP answers for the JSON API. Messages
// are the English ones of messages/en.json; `error` is a stable code.
const t = createTranslator({ locale: "en", messages: en });

type RouteHandler<Context> = (request: Request, context: Context) => Promise<Response>;

const apiRequest = new AsyncLocalStorage<Request>();

/**
 * The request of the API route handler being run, or null outside one (pages,
 * server actions): the session choke point accepts a personal API token only
 * from such a request (server/api-tokens.ts).
 */
export function currentApiRequest(): Request | null {
  return apiRequest.getStore() ?? null;
}

/**
 * Wraps a route handler so that every error becomes a JSON answer, and every
 * refusal an audit event; a write from another site, or one that declares a
 * type other than JSON, is refused before the handler runs.
 */
export function apiRoute<Context>(handler: RouteHandler<Context>): RouteHandler<Context> {
  return async (request, context) => {
    try {
      if (!readMethods.has(request.method)) refuseForeignWrite(request);
      return await apiRequest.run(request, () => handler(request, context));
    } catch (error) {
      await recordRefusedApiCall(request, error);
      return errorResponse(error);
    }
  };
}

const readMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A page of another site can make a browser send a form or text/plain to the
 * API without asking first (no CORS preflight), and the session cookie is
 * SameSite=Lax, the only other guard. So a write is taken only when the
 * browser names no other site: its Origin, when sent, is the tracker's (the
 * request's own or the public one of NEXTAUTH_URL, behind a proxy that
 * rewrites the host), and Sec-Fetch-Site is not cross-site. Scripts send
 * neither and are taken. A write that declares a type must declare JSON;
 * readJson refuses a body declared as nothing else.
 */
function refuseForeignWrite(request: Request): void {
  const origin = request.headers.get("origin");
  const ownOrigins = [new URL(request.url).origin, publicOrigin()];
  if (request.headers.get("sec-fetch-site") === "cross-site" || (origin !== null && !ownOrigins.includes(origin))) throw new CrossSiteRequestError();
  if (request.headers.has("content-type")) requireJson(request);
}

function requireJson(request: Request): void {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") throw new UnsupportedMediaTypeError();
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
  if (error instanceof ApiTokenRejectedError) {
    return json({ error: "invalid_token", message: t("errors.invalidToken") }, 401, { "WWW-Authenticate": 'Bearer error="invalid_token"' });
  }
  if (error instanceof UnauthenticatedError) return json({ error: "unauthenticated", message: t("errors.unauthenticated") }, 401);
  if (error instanceof MetricsTokenRequiredError) {
    return json({ error: "unauthenticated", message: t("errors.metricsTokenRequired") }, 401, { "WWW-Authenticate": "Bearer" });
  }
  if (error instanceof SecondFactorEnrolmentRequiredError) {
    return json({ error: "second_factor_enrolment_required", message: t("errors.secondFactorEnrolmentRequired") }, 403);
  }
  if (error instanceof ReadOnlyTokenError) return json({ error: "read_only_token", message: t("errors.readOnlyToken") }, 403);
  if (error instanceof ForbiddenError) return json({ error: "forbidden", message: t("errors.forbidden") }, 403);
  if (error instanceof CrossSiteRequestError) return json({ error: "cross_site", message: t("errors.crossSite") }, 403);
  if (error instanceof UnsupportedMediaTypeError) return json({ error: "unsupported_media_type", message: t("errors.unsupportedMediaType") }, 415);
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
  if (error instanceof TooManyRequestsError) {
    const body = { error: "rate_limited", message: t("errors.tooManyRequests", { seconds: error.retryAfterSeconds }), retryAfterSeconds: error.retryAfterSeconds };
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
// So is a database that takes longer than its timeouts (server/db/client.ts):
// a statement cancelled (57014) or a lock not granted (55P03) in time, a
// session ended idle in a transaction (25P03), a query the server never
// answered (pg's "Query read timeout"), a transaction that could not start in
// time (Prisma's P2028 with that message).
const unavailableCodes = new Set([
  "P1001", "P1002", "P1008", "P1017", "P2024",
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND",
  "57P01", "57P02", "57P03", "53300", "57014", "55P03", "25P03",
]);
const unavailableKinds = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const unavailableMessages =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|Can't reach database server|Query read timeout|Unable to start a transaction in the given time/i;

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
 * The JSON body of a request, which must be declared as application/json
 * (415 otherwise). A body over the limit is refused by its Content-Length
 * before anything is read, or as soon as the bytes read pass the limit when it
 * has none (a chunked upload); a body that is not JSON in UTF-8 is a field
 * error of the form.
 */
export async function readJson(request: Request): Promise<unknown> {
  requireJson(request);
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
