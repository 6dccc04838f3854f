// Before each test file: a fresh database copied from the run's template, named
// in DATABASE_URL for the data-access layer.
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
process.env.DATABASE_URL = inject("databaseUrlPattern").replace("__DATABASE__", database);

afterAll(async () => {
  await disconnectDb();
});
