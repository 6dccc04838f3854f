// A database server for tools that need one only for a moment (writing a
// migration, a test run): the server DATABASE_URL points to when it is set,
// else an embedded PostgreSQL in a temporary folder, removed afterwards. Its
// databases are owned by the server's superuser; the code under test connects
// as an application role of the run's own, which owns nothing.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { embeddedApplicationRole, startEmbeddedPostgres } from "./embedded";
import { createApplicationRole } from "../../server/db/roles";
import { findFreePort } from "./ports";

export interface ThrowawayServer {
  /** URL of a maintenance database on the server, for CREATE DATABASE and the like. */
  adminUrl: string;
  /** URL of the named database on the same server, as the owner of its tables. */
  urlFor(database: string): string;
  /** URL of the named database as the application role. */
  appUrlFor(database: string): string;
  /** The application role's name, which applyMigrations grants its privileges. */
  applicationRole: string;
  stop(): Promise<void>;
}

export async function startThrowawayServer(): Promise<ThrowawayServer> {
  const given = process.env.DATABASE_URL;
  if (given) {
    const urlFor = (database: string, login?: { role: string; password: string }) => {
      const url = new URL(given);
      url.pathname = `/${database}`;
      if (login) {
        url.username = login.role;
        url.password = login.password;
      }
      return url.toString();
    };
    // A role of this run's own: runs sharing the server never change each other's.
    const login = { role: `tracker_app_${randomBytes(4).toString("hex")}`, password: randomBytes(18).toString("base64url") };
    await createApplicationRole(given, login.role, login.password);
    return {
      adminUrl: given,
      urlFor: (database) => urlFor(database),
      appUrlFor: (database) => urlFor(database, login),
      applicationRole: login.role,
      async stop() {
        const admin = new pg.Client({ connectionString: given });
        await admin.connect();
        // Fails while a database of the run still grants it something; such a role is left behind, harmless.
        await admin.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(login.role)}`).catch(() => undefined);
        await admin.end();
      },
    };
  }
  const folder = mkdtempSync(path.join(os.tmpdir(), "tracker-pg-"));
  chmodSync(folder, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: path.join(folder, "pg"), port: await findFreePort() });
  return {
    adminUrl: server.url("postgres"),
    urlFor: server.url,
    appUrlFor: server.appUrl,
    applicationRole: embeddedApplicationRole,
    async stop() {
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
