import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { recordRefusedPage } from "./access-refusals";
import { NotFoundError, SecondFactorEnrolmentRequiredError, ValidationError } from "./errors";
import { can, type Actor, type Permission } from "./permissions";
import { getActor } from "./session";

/**
 * The actor of a page request; anyone not signed in is sent to sign in, and
 * anyone who owes their role's second factor to its enrolment on /profile.
 */
export async function actorForPage(): Promise<Actor> {
  const actor = await getActor().catch((error: unknown) => {
    if (error instanceof SecondFactorEnrolmentRequiredError) redirect("/profile");
    throw error;
  });
  if (!actor) {
    const path = (await headers()).get("x-tracker-path") ?? "/";
    redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  }
  return actor;
}

/**
 * The actor of a page open to one permission's roles (the admin pages).
 * Anyone else gets the not-found page, so that such pages do not even reveal
 * that they exist, and the audit trail records the refusal.
 */
export async function actorForPageWith(permission: Permission): Promise<Actor> {
  const actor = await actorForPage();
  if (!can(actor, permission)) {
    await recordRefusedPage(actor, permission);
    notFound();
  }
  return actor;
}

/**
 * Runs a page's read and turns a missing record into the not-found page; an
 * id in the address that cannot name any record (refused on its `id` field
 * alone) is missing too.
 */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof ValidationError && Object.keys(error.fieldErrors).every((field) => field === "id")) notFound();
    throw error;
  }
}

/**
 * A page's read with the filters of its address; filters that cannot be used
 * (a day in the future, say) give the unfiltered read instead, and `refused`
 * tells the page to say so.
 */
export async function withUsableFilter<T>(read: (filter: Record<string, string>) => Promise<T>, filter: Record<string, string>): Promise<T & { refused: boolean; shown: Record<string, string> }> {
  try {
    return { ...(await read(filter)), refused: false, shown: filter };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { ...(await read({})), refused: true, shown: {} };
  }
}
