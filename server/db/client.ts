import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";

// The only place the Prisma client is built. The password hash is left out of
// every query unless a query asks for it by name (sign-in does). The pool is
// built here, not by the adapter, so that the metrics can read its use.
function createClient() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: the tracker needs a PostgreSQL database (npm start provides one).");
  }
  const pool = new pg.Pool({
    connectionString,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    // The pool has no acquire timeout by default: a request would wait forever
    // for a connection when the database is down or saturated.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  holder.trackerPool = pool;
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
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
