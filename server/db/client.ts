import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { readReplicas } from "@prisma/extension-read-replicas";
import { databaseReplicaUrl, positiveSetting } from "../env";
import { serverProcess } from "../server-process";
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

// The only place the Prisma clients are built, all alike: the password hash
// is left out of every query unless a query asks for it by name (sign-in
// does). The pools are built here, not by the adapter, so that the metrics
// can read the primary's use.
function createPool(connectionString: string): pg.Pool {
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
  return pool;
}

function createClient(pool: pg.Pool) {
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } }, transactionOptions: { maxWait: databaseTimeouts().poolMs } });
}

export type Database = ReturnType<typeof createClient>;
export type Transaction = Parameters<Parameters<Database["$transaction"]>[0]>[0];

interface Databases {
  primary: Database;
  /** The primary extended to send reads outside a transaction to the replica; the primary itself when there is none. */
  routed: Database;
  replica: Database | null;
}

/**
 * The primary (DATABASE_URL) and, in a server process of scripts/serve.mjs
 * when DATABASE_REPLICA_URL is set, a replica streaming from it. Only the
 * pages use the replica: the job worker, `npm start`'s seeding and the other
 * tools read what they have just written, which a replica may not have
 * replayed yet (docs/scaling.md, Read-only pages from a replica).
 */
function connect(): Databases {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: the tracker needs a PostgreSQL database (npm start provides one).");
  }
  const pool = createPool(connectionString);
  holder.trackerPool = pool;
  const primary = createClient(pool);
  const replicaUrl = serverProcess() ? databaseReplicaUrl() : null;
  if (!replicaUrl) return { primary, routed: primary, replica: null };
  const replica = createClient(createPool(replicaUrl));
  // The extension (applied last, as it asks) changes only where a query runs,
  // not what it answers: the routed client is used as the primary's type.
  const routed = primary.$extends(readReplicas({ replicas: [replica] })) as unknown as Database;
  return { primary, routed, replica };
}

const holder = globalThis as { trackerDatabases?: Databases; trackerPool?: pg.Pool };

/**
 * Whether the request being answered may write: any method but GET and HEAD
 * (a server action, an API call that writes). Such a request reads the
 * primary throughout, so that the page a server action renders in its answer
 * shows what it has just written.
 */
function requestMayWrite(): boolean {
  const method = serverProcess()?.requestContext.getStore()?.method;
  return method !== undefined && method !== "GET" && method !== "HEAD";
}

/**
 * The shared client, created on first use so that a build needs no database.
 * With a replica, reads outside a transaction go to it (raw queries, which
 * the extension cannot tell from writes, stay on the primary); writes and
 * transactions go to the primary, and so does everything a request that may
 * write does.
 */
export function db(): Database {
  holder.trackerDatabases ??= connect();
  const { primary, routed } = holder.trackerDatabases;
  return requestMayWrite() ? primary : routed;
}

/**
 * Where reads outside a transaction go now: the replica, unless there is none
 * or the request may write. For a raw read that must read where the model
 * reads do (the plan revision of server/figures-cache.ts).
 */
export function readingDb(): Database {
  holder.trackerDatabases ??= connect();
  const { primary, replica } = holder.trackerDatabases;
  return replica && !requestMayWrite() ? replica : primary;
}

/** The shared client's connection pool, once the client exists. */
export function databasePool(): pg.Pool | undefined {
  return holder.trackerPool;
}

/** Closes the shared client's connections (scripts call it before they exit). */
export async function disconnectDb(): Promise<void> {
  await holder.trackerDatabases?.primary.$disconnect();
  await holder.trackerDatabases?.replica?.$disconnect();
  holder.trackerDatabases = undefined;
  holder.trackerPool = undefined;
}
