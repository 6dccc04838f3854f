import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { positiveSetting } from "../env";
import { PrismaClient } from "./generated/client";

/**
 * How long the app waits on the database (README, Configuration). Without
 * them a frozen or saturated server would hold every request, and the health
 * check, for as long as it lasts.
 */
export function databaseTimeouts() {
  const env = process.env;
  return {
    /** The server cancels a statement that runs longer. */
    statementMs: positiveSetting(env, "DATABASE_STATEMENT_TIMEOUT_MS", 15_000, "wholeNumber"),
    /** The server gives up a statement waiting this long for a lock. */
    lockMs: positiveSetting(env, "DATABASE_LOCK_TIMEOUT_MS", 10_000, "wholeNumber"),
    /** The server ends a session left this long inside a transaction, releasing its locks. */
    idleInTransactionMs: positiveSetting(env, "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS", 30_000, "wholeNumber"),
    /** How long a request waits for a connection, and a transaction for its start. */
    poolMs: positiveSetting(env, "DATABASE_POOL_TIMEOUT_MS", 5_000, "wholeNumber"),
  };
}

// A server that does not answer at all (frozen, or cut off) cancels nothing,
// nor answers a cancel request: the app gives up on a statement this much
// after the server would have cancelled it.
const unansweredMarginMs = 1_000;

/**
 * A query the server never answered leaves its connection mid-conversation:
 * the server may yet run it, inside a transaction the pool would hand to the
 * next request, which could then commit half of another's write. Such a
 * connection is closed instead; the server ends that transaction, unfinished,
 * as soon as it reads again.
 */
function closeWhenUnanswered(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const close = (error: unknown) => {
    if (error instanceof Error && error.message === "Query read timeout") void client.end().catch(() => undefined);
  };
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const callback = args.at(-1);
    if (typeof callback === "function") {
      const answer = callback as (error: unknown, result: unknown) => void;
      args[args.length - 1] = (error: unknown, result: unknown) => {
        close(error);
        answer(error, result);
      };
      return query(...args);
    }
    const result = query(...args);
    if (result instanceof Promise) result.catch(close);
    return result;
  };
}

// The only place the Prisma client is built. The password hash is left out of
// every query unless a query asks for it by name (sign-in does). The pool is
// built here, not by the adapter, so that the metrics can read its use.
function createClient() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: the tracker needs a PostgreSQL database (npm start provides one).");
  }
  const timeouts = databaseTimeouts();
  const pool = new pg.Pool({
    connectionString,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connectionTimeoutMillis: timeouts.poolMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: timeouts.statementMs,
    lock_timeout: timeouts.lockMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    query_timeout: timeouts.statementMs + unansweredMarginMs,
  });
  pool.on("connect", closeWhenUnanswered);
  holder.trackerPool = pool;
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } }, transactionOptions: { maxWait: timeouts.poolMs } });
}

export type Database = ReturnType<typeof createClient>;
export type Transaction = Parameters<Parameters<Database["$transaction"]>[0]>[0];

const holder = globalThis as { trackerDatabase?: Database; trackerPool?: pg.Pool };

/** The shared client, created on first use so that a build needs no database. */
export function db(): Database {
  holder.trackerDatabase ??= createClient();
  return holder.trackerDatabase;
}

/** The shared client's connection pool, once the client exists. */
export function databasePool(): pg.Pool | undefined {
  return holder.trackerPool;
}

/** Closes the shared client's connections (scripts call it before they exit). */
export async function disconnectDb(): Promise<void> {
  await holder.trackerDatabase?.$disconnect();
  holder.trackerDatabase = undefined;
  holder.trackerPool = undefined;
}
