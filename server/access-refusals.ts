import "server-only";
import { headers } from "next/headers";
import { recordAudit } from "./audit";
import { db } from "./db/client";
import { ForbiddenError, SecondFactorEnrolmentRequiredError } from "./errors";
import { logger } from "./log";
import type { Actor, Permission } from "./permissions";

// Refused access attempts in the audit trail: one "access.refuse" event per
// refusal of a signed-in person, recorded by the place that answers it — the
// API's error answers (server/http.ts), the forms' (server/forms.ts) and the
// pages' guards (server/pages.ts). The record is `Route` with the method
// and path that were refused; the event's `after` names the permission whose
// rule refused, when one did. Anonymous callers are refused before any rule
// (401) and have no actor to record; the second-factor enrolment hold is not
// a rule's refusal.

/** Records a refusal of the API: the request's method and path, without the query. */
export async function recordRefusedApiCall(request: Request, error: unknown): Promise<void> {
  if (isRefusalToRecord(error)) await record(refusedActor(error), async () => `${request.method} ${new URL(request.url).pathname}`, error.permission);
}

/** Records a refusal of a server action: it was posted to the path of its form's page. */
export async function recordRefusedFormAction(error: unknown): Promise<void> {
  if (isRefusalToRecord(error)) await record(refusedActor(error), () => pageRoute("POST"), error.permission);
}

/** Records a page refused to the actor. */
export async function recordRefusedPage(error: ForbiddenError): Promise<void> {
  if (isRefusalToRecord(error)) await record(refusedActor(error), () => pageRoute("GET"), error.permission);
}

function isRefusalToRecord(error: unknown): error is ForbiddenError & { actorId: string } {
  return error instanceof ForbiddenError && !(error instanceof SecondFactorEnrolmentRequiredError) && error.actorId !== null;
}

/** Who was refused, with the API token they asked with. */
const refusedActor = (error: ForbiddenError & { actorId: string }) => ({ id: error.actorId, via: error.via });

/** The path of the page, as proxy.ts names it, without the query. */
async function pageRoute(method: "GET" | "POST"): Promise<string> {
  const path = (await headers()).get("x-tracker-path") ?? "/";
  return `${method} ${path.split("?")[0]}`;
}

/**
 * Records one refusal on its own: the refused write's transaction, if any,
 * has rolled back. The refusal's answer never depends on the record, so a
 * failure to write it (the database down, or no request to name the route
 * of) is logged and nothing more.
 */
async function record(actor: Pick<Actor, "id" | "via">, route: () => Promise<string>, permission: Permission | undefined): Promise<void> {
  try {
    const entityId = await route();
    const entry = { action: "access.refuse", entityType: "Route", entityId, after: permission ? { permission } : undefined };
    await db().$transaction((tx) => recordAudit(tx, actor, entry));
  } catch (error) {
    logger.error({ err: error }, "A refused access could not be recorded in the audit trail");
  }
}
