// The database `npm run db:backup` and `npm run db:restore` work on: the one
// DATABASE_URL names; else the embedded one in .data/, reached through the
// server `npm start` is running when there is one (a backup is taken while the
// tracker serves), or started for the command alone.
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { isPortFree } from "../../server/db/embedded";
import { dataDir, openAppDatabase, type AppDatabase } from "./app-database";

async function runningEmbeddedDatabase(): Promise<string | null> {
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  if (await isPortFree(port)) return null;
  // Where server/db/embedded.ts keeps the password of the cluster it created.
  const password = await readFile(path.join(dataDir, "postgres", "password"), "utf8").catch(() => null);
  if (password === null) return null;
  const url = `postgresql://postgres:${encodeURIComponent(password.trim())}@127.0.0.1:${port}/tracker`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return url;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function openToolDatabase(): Promise<AppDatabase> {
  if (!process.env.DATABASE_URL) {
    const running = await runningEmbeddedDatabase();
    if (running) return { url: running, embedded: true, close: async () => {} };
  }
  return openAppDatabase();
}
