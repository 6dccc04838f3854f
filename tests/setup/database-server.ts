// Once per test run: a PostgreSQL server (DATABASE_URL's, or an embedded one in
// a temporary folder) and a template database with every migration applied.
// Each test file then gets its own copy of the template (file-database.ts), so
// runs and files never share data. The code under test connects as the
// application role, with the privileges the migrations granted it.
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../scripts/lib/migrations";
import { startThrowawayServer } from "../../scripts/lib/throwaway-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseAdminUrl: string;
    /** A database's URL as the owner of its tables, with `__DATABASE__` for its name. */
    databaseUrlPattern: string;
    /** A database's URL as the application role. */
    databaseAppUrlPattern: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startThrowawayServer();
  const runId = `tracker_test_${randomBytes(4).toString("hex")}`;
  const templateDatabase = `${runId}_template`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(templateDatabase)}`);
  await applyMigrations(server.urlFor(templateDatabase), server.applicationRole);

  project.provide("databaseAdminUrl", server.adminUrl);
  project.provide("databaseUrlPattern", server.urlFor("__DATABASE__"));
  project.provide("databaseAppUrlPattern", server.appUrlFor("__DATABASE__"));
  project.provide("templateDatabase", templateDatabase);

  return async () => {
    // Drop this run's databases (on an embedded server the folder goes anyway).
    const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${runId}%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
    await admin.end();
    await server.stop();
  };
}
