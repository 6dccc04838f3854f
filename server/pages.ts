import "server-only";
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { recordRefusedPage } from "./access-refusals";
import { isNotFound } from "./error-answers";
import { ForbiddenError, SecondFactorEnrolmentRequiredError, ValidationError, type FieldErrors } from "./errors";
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
  return actor ?? sendToSignIn("/");
}

/** Sends a visitor who is not signed in to sign in, and back to the page they asked for afterwards. */
export async function sendToSignIn(fallbackPath: string): Promise<never> {
  const path = (await headers()).get("x-tracker-path") ?? fallbackPath;
  redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
}

/**
 * The actor of a page open to one permission's roles, and whether the page
 * is refused to them: the refusal is recorded in the audit trail, and the
 * page says so under its title. Pages refuse only here and in orNotFound,
 * both of which record the refusal. Asked once per request: a page's
 * metadata and its body both ask, and the refusal is one event.
 */
export const pageAccess = cache(async (permission: Permission): Promise<{ actor: Actor; refused: boolean }> => {
  const actor = await actorForPage();
  if (can(actor, permission)) return { actor, refused: false };
  await recordRefusedPage(new ForbiddenError(actor, permission));
  return { actor, refused: true };
});

/**
 * The actor of a page open to one permission's roles (the admin pages).
 * Anyone else gets 403 and a page that says they have no access to it
 * (app/(app)/forbidden.tsx): a not-found page would leave them wondering
 * whether the link was wrong.
 */
export async function actorForPageWith(permission: Permission): Promise<Actor> {
  const { actor, refused } = await pageAccess(permission);
  if (refused) forbidden();
  return actor;
}

/**
 * Runs a page's read and turns a missing record into the not-found page, as
 * the API answers it not found (server/error-answers.ts); an id in the
 * address that cannot name any record (refused on its `id` field alone) is
 * missing too. A read a rule refuses is a page refused: not found too.
 */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ForbiddenError) await recordRefusedPage(error);
    if (error instanceof ForbiddenError || isNotFound(error)) notFound();
    if (error instanceof ValidationError && Object.keys(error.fieldErrors).every((field) => field === "id")) notFound();
    throw error;
  }
}

/**
 * The record a page shows, read once per request: its generateMetadata (the
 * tab's title names the record) and its body both ask for it, and a second
 * read would cost a query and record a refused read twice. The read is the
 * page's own data-access function with the signed-in actor, so a record the
 * person may not read gives the not-found page, title included. A page open
 * to one permission's roles names it: anyone else gets 403 before the read.
 */
export const recordForPage = cache(
  async <T>(read: (actor: Actor, id: string) => Promise<T>, id: string, permission?: Permission): Promise<T> =>
    orNotFound(read(await (permission ? actorForPageWith(permission) : actorForPage()), id)),
);

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

/** The day a record page's address asks for (`?asOf=`), if one. */
export function asOfOfAddress(query: Record<string, string | string[] | undefined>): string | undefined {
  return typeof query.asOf === "string" ? query.asOf : undefined;
}

/**
 * A record page's read as of the day its address asks for, once per request
 * however often its metadata and the page ask; a day that cannot be used gives
 * today's read and `refused`, a record the reader may not see the not-found page.
 */
export const recordAsOfForPage = cache(
  async <T>(read: (actor: Actor, id: string, filter: Record<string, string>) => Promise<T>, id: string, asOf: string | undefined) => {
    const actor = await actorForPage();
    return orNotFound(withUsableFilter((usable) => read(actor, id, usable), asOf === undefined ? {} : { asOf }));
  },
);

/**
 * A list page's read with the filters of its address; a malformed,
 * hand-edited filter gives `empty` (and `invalid`, for the page to say so)
 * rather than an error page.
 */
export async function orEmptyOnInvalidFilter<T>(read: Promise<T>, empty: T): Promise<[T, boolean]> {
  try {
    return [await read, false];
  } catch (error) {
    if (error instanceof ValidationError) return [empty, true];
    throw error;
  }
}

/**
 * A page's read of what its GET form asked (the search): a refused field
 * gives no result and the field errors, for the page to show beside the
 * field as a form would.
 */
export async function orFieldErrors<T>(read: Promise<T>): Promise<{ result: T; fieldErrors: null } | { result: null; fieldErrors: FieldErrors }> {
  try {
    return { result: await read, fieldErrors: null };
  } catch (error) {
    if (error instanceof ValidationError) return { result: null, fieldErrors: error.fieldErrors };
    throw error;
  }
}
