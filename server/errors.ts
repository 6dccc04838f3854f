import "server-only";
import type { Permission } from "./permissions";

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

/**
 * A rule refused the actor. It names them, and the permission of
 * server/permissions.ts whose rule it was when one is, so that the place that
 * answers the refusal can record it in the audit trail (server/access-refusals.ts).
 */
export class ForbiddenError extends DomainError {
  constructor(
    readonly actorId: string | null,
    readonly permission?: Permission,
  ) {
    super("forbidden");
  }
}

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

/** Too many failed sign-ins for one email or from one address (server/auth/sign-in-limits.ts). */
export class TooManyAttemptsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super("tooManyAttempts");
  }
}
