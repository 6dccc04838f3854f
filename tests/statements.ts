import type pg from "pg";
import { databasePool, db } from "../server/db/client";

/**
 * The SQL statements the shared client sends while `work` runs: a read or a
 * write made in fewer statements waits for fewer round trips, which count
 * most when the server is busy.
 */
export async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  await db().$queryRaw`SELECT 1`;
  const pool = databasePool()!;
  const statements: string[] = [];
  const count = (client: pg.PoolClient) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const [text] = args;
      statements.push(typeof text === "string" ? text : String((text as { text?: string }).text));
      return query(...args);
    };
    return () => ((client as { query: unknown }).query = query);
  };
  const restores: (() => void)[] = [];
  // A client goes back to the pool between statements and may come out again: it is counted once.
  const counted = new WeakSet<pg.PoolClient>();
  const onAcquire = (client: pg.PoolClient) => {
    if (counted.has(client)) return;
    counted.add(client);
    restores.push(count(client));
  };
  pool.on("acquire", onAcquire);
  try {
    await work();
  } finally {
    pool.off("acquire", onAcquire);
    for (const restore of restores.reverse()) restore();
  }
  return statements;
}
