import "server-only";
import { LRUCache } from "lru-cache";
import { cache } from "react";
import { z } from "zod";
import { readingDb } from "./db/client";
import { queryRows, rawRow } from "./db/raw-rows";

// The managers' figures are computed from the whole plan and its history
// (cheaply for whole pillars, from the changes kept per day; milestone by
// milestone for an agency or a range of due dates), yet they change only when
// the plan does. Every transaction that changes a table they read
// raises the plan revision at its commit (the tables' triggers named
// "<table>_raises_plan_revision" in prisma/migrations), so a computation kept
// under the revision it was made at is exact until the revision moves. Each app
// instance keeps its own; one read of the revision per use keeps them all
// correct.

const computations = new LRUCache<string, Promise<unknown>>({ max: 500 });

// Read once per page render (React's cache is per request), so that a page's
// figures all come from one revision and it pays for one read. With a replica
// it is read there, as the model reads of a computation are, while its raw
// reads go to the primary, which is never behind: a computation is never
// older than the revision it is kept under, only at times newer, and the
// next revision replaces it.
const planRevisionRow = rawRow("planRevision", { revision: z.bigint() });

const planRevision = cache(async (): Promise<bigint> => {
  const rows = await queryRows(planRevisionRow, readingDb())`SELECT revision FROM "PlanRevision" WHERE id = 1`;
  return rows[0]?.revision ?? 0n;
});

/**
 * The result of `compute` for `key` at the current plan revision: computed once
 * per instance and revision however many requests ask at the same time. The
 * result is shared between requests: treat it as read-only.
 */
export async function atPlanRevision<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const cacheKey = `${await planRevision()}|${key}`;
  const kept = computations.get(cacheKey) as Promise<T> | undefined;
  if (kept) return kept;
  const computation = compute();
  computations.set(cacheKey, computation);
  // A failed computation (the database went away, say) is not kept.
  computation.catch(() => {
    if (computations.get(cacheKey) === computation) computations.delete(cacheKey);
  });
  return computation;
}
