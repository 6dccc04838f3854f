import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { NotFoundError, ValidationError } from "./errors";
import type { Actor } from "./permissions";
import { getActor } from "./session";

/** The actor of a page request; anyone not signed in is sent to sign in. */
export async function actorForPage(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) {
    const path = (await headers()).get("x-tracker-path") ?? "/";
    redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
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
