// The tracker's own database for `npm start`, `npm run db:migrate` and
// `npm run db:seed`: the server DATABASE_URL names, or else the embedded
// PostgreSQL whose data lives in .data/ beside the project and survives restarts.
import path from "node:path";
import pg from "pg";
import { EmbeddedDatabaseError, startEmbeddedPostgres } from "../../server/db/embedded";
import { projectRoot } from "../../server/db/migrations";

export const dataDir = path.join(projectRoot, ".data");

export interface AppDatabase {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export class StartupError extends Error {}

export async function openAppDatabase(): Promise<AppDatabase> {
  const given = process.env.DATABASE_URL;
  if (given) {
    await ensureReachable(given);
    return { url: given, embedded: false, close: async () => {} };
  }
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  try {
    const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), port });
    await server.ensureDatabase("tracker");
    return { url: server.url("tracker"), embedded: true, close: () => server.stop() };
  } catch (error) {
    if (error instanceof EmbeddedDatabaseError) throw new StartupError(error.message);
    throw error;
  }
}

async function ensureReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const where = safeLocation(url);
    throw new StartupError(
      `The database at ${where} (DATABASE_URL) cannot be reached: ${(error as Error).message}\n` +
        "Check that the server runs and that the URL, user and password are right, or unset DATABASE_URL to use the embedded PostgreSQL.",
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The host, port and database of a URL, without its password. */
export function safeLocation(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return "(an unreadable URL)";
  }
}
