// The database `npm run db:backup` and `npm run db:restore` work on: the one
// DATABASE_URL names; else the embedded one in .data/, reached through the
// server `npm start` is running when there is one (a backup is taken while the
// tracker serves; its port is read from .data, whatever EMBEDDED_PG_PORT says),
// or started for the command alone.
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { embeddedApplicationRole, embeddedUrl, isPortFree, runningEmbeddedPort } from "./embedded";
import { dataDir, openAppDatabase, type AppDatabase } from "./app-database";

async function runningEmbeddedDatabase(): Promise<AppDatabase | null> {
  const port = (await runningEmbeddedPort(path.join(dataDir, "postgres"))) ?? Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  if (await isPortFree(port)) return null;
  // Where scripts/lib/embedded.ts keeps the passwords of the roles it created.
  const read = (file: string) => readFile(path.join(dataDir, "postgres", file), "utf8").then((text) => text.trim(), () => null);
  const [password, appPassword] = await Promise.all([read("password"), read("app-password")]);
  if (password === null || appPassword === null) return null;
  const migrationUrl = embeddedUrl("postgres", password, port, "tracker");
  const client = new pg.Client({ connectionString: migrationUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    const url = embeddedUrl(embeddedApplicationRole, appPassword, port, "tracker");
    return { url, migrationUrl, applicationRole: embeddedApplicationRole, embedded: true, close: async () => {} };
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function openToolDatabase(): Promise<AppDatabase> {
  if (!process.env.DATABASE_URL) {
    const running = await runningEmbeddedDatabase();
    if (running) return running;
  }
  return openAppDatabase();
}
