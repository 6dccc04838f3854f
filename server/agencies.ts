import "server-only";
import { db } from "./db/client";
import { atPlanRevision } from "./figures-cache";
import { ensure, type Actor } from "./permissions";

/** The agencies, for filters: code and name. */
export async function listAgencies(actor: Actor) {
  ensure(actor, "plan.read");
  return atPlanRevision("agencies", () => db().agency.findMany({ orderBy: [{ country: "asc" }, { code: "asc" }], select: { id: true, code: true, name: true } }));
}
