// Before each test file: a fresh database copied from the run's template, named
// in DATABASE_URL, as the application role, for the data-access layer, and in
// MIGRATION_DATABASE_URL as the owner of its tables, as the app's settings name them.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { disconnectDb } from "../../server/db/client";

const template = inject("templateDatabase");
const database = `${template.replace(/_template$/, "")}_${randomBytes(4).toString("hex")}`;

const admin = new pg.Client({ connectionString: inject("databaseAdminUrl") });
await admin.connect();
await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)} TEMPLATE ${pg.escapeIdentifier(template)}`);
await admin.end();

await disconnectDb();
process.env.DATABASE_URL = inject("databaseAppUrlPattern").replace("__DATABASE__", database);
process.env.MIGRATION_DATABASE_URL = inject("databaseUrlPattern").replace("__DATABASE__", database);
// The secret npm start always sets: emails sign their unsubscribe links with it. A file may set its own.
process.env.NEXTAUTH_SECRET ??= "test-secret-of-this-run";

afterAll(async () => {
  await disconnectDb();
});
