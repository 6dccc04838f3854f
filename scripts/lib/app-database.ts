// The tracker's own database for `npm start`, `npm run db:migrate` and
// `npm run db:seed`: the server DATABASE_URL names, or else the embedded
// PostgreSQL whose data lives in .data/ beside the project and survives restarts.
import path from "node:path";
import pg from "pg";
import { embeddedApplicationRole, EmbeddedDatabaseError, startEmbeddedPostgres } from "./embedded";
import { projectRoot } from "./migrations";

export const dataDir = path.join(projectRoot, ".data");
/** The NEXTAUTH_SECRET `npm start` generates and keeps when none is set; second-factor secrets are encrypted under it. */
export const authSecretFile = path.join(dataDir, "auth-secret");

export interface AppDatabase {
  /** The app's own login: the application role, which owns nothing. */
  url: string;
  /** The tables' owner, which runs the migrations, backups and restores. */
  migrationUrl: string;
  /** The application role the migrations grant its privileges; null when both URLs name the same login. */
  applicationRole: string | null;
  embedded: boolean;
  close(): Promise<void>;
}

export class StartupError extends Error {}

/** The login a URL names. */
export function loginOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

export async function openAppDatabase(): Promise<AppDatabase> {
  const given = process.env.DATABASE_URL;
  const migrationUrl = process.env.MIGRATION_DATABASE_URL || given;
  if (!given && migrationUrl) {
    throw new StartupError("MIGRATION_DATABASE_URL is set but DATABASE_URL is not: set DATABASE_URL to the application role as well, or neither to use the embedded PostgreSQL.");
  }
  if (given && migrationUrl) {
    await ensureReachable(given, "DATABASE_URL");
    if (migrationUrl !== given) await ensureReachable(migrationUrl, "MIGRATION_DATABASE_URL");
    const applicationRole = loginOf(given) === loginOf(migrationUrl) ? null : loginOf(given);
    return { url: given, migrationUrl, applicationRole, embedded: false, close: async () => {} };
  }
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  try {
    const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), port });
    await server.ensureDatabase("tracker");
    return {
      url: server.appUrl("tracker"),
      migrationUrl: server.url("tracker"),
      applicationRole: embeddedApplicationRole,
      embedded: true,
      close: () => server.stop(),
    };
  } catch (error) {
    if (error instanceof EmbeddedDatabaseError) throw new StartupError(error.message);
    throw error;
  }
}

async function ensureReachable(url: string, variable: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const where = safeLocation(url);
    throw new StartupError(
      `The database at ${where} (${variable}) cannot be reached: ${(error as Error).message}\n` +
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
