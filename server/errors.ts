import "server-only";
import type { Actor, ApiTokenUse, Permission } from "./permissions";

/** One problem with one field: a message key under `validation.` and its values. */
export interface FieldIssue {
  code: string;
  values?: Record<string, string | number>;
}

export type FieldErrors = Record<string, FieldIssue[]>;

// Errors the data-access layer throws on purpose. Each maps to one HTTP
// answer in server/http.ts and to one message on a page; anything else is a
// fault (500) and is logged.
export class DomainError extends Error {}

export class UnauthenticatedError extends DomainError {
  constructor() {
    super("unauthenticated");
  }
}

/** A personal API token that is not one, has expired or was revoked, or whose person was deactivated: one answer for all. */
export class ApiTokenRejectedError extends UnauthenticatedError {}

/**
 * A rule refused the actor. It names them (and the API token they acted
 * with), and the permission of server/permissions.ts whose rule it was when
 * one is, so that the place that answers the refusal can record it in the
 * audit trail (server/access-refusals.ts).
 */
export class ForbiddenError extends DomainError {
  readonly actorId: string | null;
  readonly via?: ApiTokenUse;

  constructor(
    actor: Pick<Actor, "id" | "via"> | null,
    readonly permission?: Permission,
  ) {
    super("forbidden");
    this.actorId = actor?.id ?? null;
    this.via = actor?.via;
  }
}

/** A write asked with a read-only personal API token (server/api-tokens.ts). */
export class ReadOnlyTokenError extends ForbiddenError {}

/**
 * The account's role requires a second factor it has not set up yet: nothing
 * but the enrolment on /profile is open to it (server/session.ts). A hold
 * until it enrols, not a rule refusing it, so no actor is named.
 */
export class SecondFactorEnrolmentRequiredError extends ForbiddenError {
  constructor() {
    super(null);
  }
}

export class NotFoundError extends DomainError {
  constructor() {
    super("notFound");
  }
}

export class ConflictError extends DomainError {
  constructor(
    readonly reason: string,
    readonly current?: unknown,
  ) {
    super("conflict");
  }
}

export class ValidationError extends DomainError {
  constructor(readonly fieldErrors: FieldErrors) {
    super("validation");
  }
}

/** The metrics are read with METRICS_TOKEN as a bearer token, never with a session (server/operations.ts). */
export class MetricsTokenRequiredError extends DomainError {
  constructor() {
    super("metricsTokenRequired");
  }
}

/** A request body larger than the API reads (server/http.ts readJson). */
export class PayloadTooLargeError extends DomainError {
  constructor(readonly limitBytes: number) {
    super("payloadTooLarge");
  }
}

/** Too many calls with one personal API token within its rate limit's window (server/api-tokens.ts). */
export class TooManyRequestsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super("tooManyRequests");
  }
}

/** Too many failed sign-ins for one email or from one address (server/auth/sign-in-limits.ts). */
export class TooManyAttemptsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super("tooManyAttempts");
  }
}

/** A write to the API from a page of another site (server/http.ts apiRoute). */
export class CrossSiteRequestError extends DomainError {
  constructor() {
    super("crossSite");
  }
}

/** A write to the API whose body is not declared as JSON (server/http.ts). */
export class UnsupportedMediaTypeError extends DomainError {
  constructor() {
    super("unsupportedMediaType");
  }
}
