import "server-only";
import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import { Prisma } from "./db/generated/client";
import type { FieldErrors } from "./errors";
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

// The one table from an error to its answers: the JSON API's
// (server/http.ts errorResponse), a form's (server/forms.ts runFormAction)
// and a page's (server/pages.ts). An error the table does not know is a
// fault: each caller logs it and answers that something went wrong.

/** A form-level message of a refused form, a key under `errors.` in messages/*.json. */
type FormFailure = "forbidden" | "notFound" | "unauthenticated" | "unavailable" | "internal";

/** What a form shows for a refusal, besides what the user typed. */
export type FormRefusal =
  | { status: "invalid"; fieldErrors: FieldErrors }
  | { status: "conflict"; reason: string; current: unknown }
  | { status: "failed"; message: FormFailure };

/** The JSON API's answer: `code` is the body's stable `error`, `message` the English text of messages/en.json. */
interface ApiAnswer {
  status: number;
  code: string;
  message: string;
  /** Further fields of the body, after `error` and `message`. */
  details?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface ErrorAnswer {
  api: ApiAnswer;
  /** Absent for errors only the API raises: on a form they would be a fault. */
  form?: FormRefusal;
}

interface Row {
  matches: (error: unknown) => boolean;
  answer: (error: never) => ErrorAnswer;
}

const t = createTranslator({ locale: "en", messages: en });

/** A row for the errors of one class (and its subclasses). */
const on = <E>(kind: abstract new (...args: never[]) => E, answer: (error: E) => ErrorAnswer): Row => ({ matches: (error) => error instanceof kind, answer });
/** A row for the errors a predicate tells. */
const when = (matches: (error: unknown) => boolean, answer: () => ErrorAnswer): Row => ({ matches, answer });
const failed = (message: FormFailure): FormRefusal => ({ status: "failed", message });

const notFound: ErrorAnswer = { api: { status: 404, code: "not_found", message: t("errors.notFound") }, form: failed("notFound") };

// First match wins, so a subclass comes before its class.
const table: Row[] = [
  on(ValidationError, (error) => ({
    api: { status: 400, code: "validation", message: t("errors.validation"), details: { fields: apiFieldErrors(error.fieldErrors) } },
    form: { status: "invalid", fieldErrors: error.fieldErrors },
  })),
  on(ApiTokenRejectedError, () => ({
    api: { status: 401, code: "invalid_token", message: t("errors.invalidToken"), headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' } },
    form: failed("unauthenticated"),
  })),
  on(UnauthenticatedError, () => ({ api: { status: 401, code: "unauthenticated", message: t("errors.unauthenticated") }, form: failed("unauthenticated") })),
  on(MetricsTokenRequiredError, () => ({
    api: { status: 401, code: "unauthenticated", message: t("errors.metricsTokenRequired"), headers: { "WWW-Authenticate": "Bearer" } },
  })),
  on(SecondFactorEnrolmentRequiredError, () => ({
    api: { status: 403, code: "second_factor_enrolment_required", message: t("errors.secondFactorEnrolmentRequired") },
    form: failed("forbidden"),
  })),
  on(ReadOnlyTokenError, () => ({ api: { status: 403, code: "read_only_token", message: t("errors.readOnlyToken") }, form: failed("forbidden") })),
  on(ForbiddenError, () => ({ api: { status: 403, code: "forbidden", message: t("errors.forbidden") }, form: failed("forbidden") })),
  on(CrossSiteRequestError, () => ({ api: { status: 403, code: "cross_site", message: t("errors.crossSite") } })),
  on(UnsupportedMediaTypeError, () => ({ api: { status: 415, code: "unsupported_media_type", message: t("errors.unsupportedMediaType") } })),
  on(NotFoundError, () => notFound),
  on(ConflictError, (error) => ({
    api: { status: 409, code: "conflict", message: t(`errors.conflict.${error.reason}` as "errors.conflict.stale"), details: { current: error.current } },
    form: { status: "conflict", reason: error.reason, current: error.current },
  })),
  on(PayloadTooLargeError, (error) => ({
    api: { status: 413, code: "payload_too_large", message: t("errors.payloadTooLarge", { kilobytes: Math.ceil(error.limitBytes / 1024) }) },
  })),
  on(TooManyAttemptsError, (error) => ({
    api: {
      status: 429,
      code: "too_many_attempts",
      message: t("errors.tooManyAttempts", { minutes: Math.ceil(error.retryAfterSeconds / 60) }),
      details: { retryAfterSeconds: error.retryAfterSeconds },
      headers: { "Retry-After": String(error.retryAfterSeconds) },
    },
  })),
  on(TooManyRequestsError, (error) => ({
    api: {
      status: 429,
      code: "rate_limited",
      message: t("errors.tooManyRequests", { seconds: error.retryAfterSeconds }),
      details: { retryAfterSeconds: error.retryAfterSeconds },
      headers: { "Retry-After": String(error.retryAfterSeconds) },
    },
  })),
  on(DomainError, (error) => ({ api: { status: 400, code: "bad_request", message: error.message } })),
  // A record that a write's `where` named is gone (Prisma's "record to update/delete not found").
  when((error) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025", () => notFound),
  when(isDatabaseUnavailable, () => ({ api: { status: 503, code: "unavailable", message: t("errors.unavailable") }, form: failed("unavailable") })),
];

/** The answers to an error, or null for a fault. */
export function answerTo(error: unknown): ErrorAnswer | null {
  const found = table.find((candidate) => candidate.matches(error));
  return found ? found.answer(error as never) : null;
}

/** Whether the error says that a record is missing, for the API and pages alike. */
export function isNotFound(error: unknown): boolean {
  return answerTo(error)?.api.code === "not_found";
}

function apiFieldErrors(fieldErrors: FieldErrors) {
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([field, issues]) => [field, issues.map((issue) => ({ code: issue.code, message: validationMessage(issue.code, issue.values) }))]),
  );
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
