// npm run db:backup / db:restore: the demo data goes through a backup into a
// fresh empty database and comes back identical, table by table and row by
// row, with the database's own rules (append-only triggers) on again.
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loginOf } from "../../scripts/lib/app-database";
import { BackupError, backupDatabase, restoreDatabase } from "../../scripts/lib/backup";
import { encryptSecret, hashRecoveryCode } from "../../server/auth/second-factor";
import { secondFactorKeyFingerprint } from "../../server/auth/second-factor-key";
import { db, disconnectDb } from "../../server/db/client";
import { applyMigrations } from "../../scripts/lib/migrations";
import { seedDemoData } from "../../scripts/lib/seed/demo";

const runId = inject("templateDatabase").replace(/_template$/, "");
const urlOf = (database: string) => inject("databaseUrlPattern").replace("__DATABASE__", database);
// Backups and restores run as the tables' owner, as npm run db:backup and db:restore do.
const sourceUrl = () => process.env.MIGRATION_DATABASE_URL!;

// The key the backed-up second factor is encrypted under, and another one.
const keyMaterial = "backup-test-key-material";
process.env.TOTP_ENCRYPTION_KEY = keyMaterial;
const key = secondFactorKeyFingerprint(keyMaterial, "TOTP_ENCRYPTION_KEY");
const otherKey = secondFactorKeyFingerprint("a-key-made-after-the-backup", ".data/auth-secret");

let folder: string;
let backupFile: string;
let enrolledUserId: string;

async function query<Row extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

async function createEmptyDatabase(): Promise<string> {
  const name = `${runId}_restore_${randomBytes(4).toString("hex")}`;
  await query(inject("databaseAdminUrl"), `CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  return urlOf(name);
}

/** Every table of the public schema and of the job queue's (schema-qualified), found in the catalog; a partitioned table's parts are read through it. */
async function tableNames(url: string): Promise<string[]> {
  const rows = await query<{ name: string }>(
    url,
    `SELECT CASE n.nspname WHEN 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname IN ('public', 'pgboss') AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}

/** A table's rows as PostgreSQL writes them as text, in a fixed order. */
async function rowsOf(url: string, table: string): Promise<string[]> {
  const name = table.split(".").map((part) => pg.escapeIdentifier(part)).join(".");
  const rows = await query<{ row: string }>(url, `SELECT t::text AS row FROM ${name} t ORDER BY 1`);
  return rows.map((row) => row.row);
}

beforeAll(async () => {
  await seedDemoData();
  const admin = await db().user.findFirstOrThrow({ where: { email: "admin@demo.local" } });
  enrolledUserId = admin.id;
  await db().secondFactor.create({ data: { userId: admin.id, secret: encryptSecret("JBSWY3DPEHPK3PXP"), confirmedAt: new Date("2026-03-02T10:00:00Z") } });
  await db().recoveryCode.create({ data: { userId: admin.id, codeHash: hashRecoveryCode("ABCD-EFGH-JKMN") } });
  await disconnectDb();
  folder = await mkdtemp(path.join(os.tmpdir(), "tracker-backup-test-"));
  backupFile = path.join(folder, "demo.backup.gz");
  await backupDatabase(sourceUrl(), backupFile, key);
}, 120_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("restores every table of the demo data row for row into an empty database", async () => {
    const target = await createEmptyDatabase();
    const summary = await restoreDatabase(target, backupFile, { key });

    const tables = await tableNames(sourceUrl());
    expect(await tableNames(target)).toEqual(tables);
    expect(tables).toEqual(expect.arrayContaining(["AuditEvent", "StatusUpdate", "Evidence", "AssessmentCitation", "_prisma_migrations", "pgboss.job", "pgboss.version"]));
    let rows = 0;
    for (const table of tables) {
      const original = await rowsOf(sourceUrl(), table);
      expect(await rowsOf(target, table), table).toEqual(original);
      rows += original.length;
    }
    expect(summary).toMatchObject({ tables: tables.length, rows });
    // The demo data holds what the triggers guard: published assessments with citations, audit events.
    const [cited] = await query<{ count: number }>(
      target,
      `SELECT count(*)::int AS count FROM "AssessmentCitation" c JOIN "Assessment" a ON a.id = c."assessmentId" WHERE a.state = 'published'`,
    );
    expect(cited!.count).toBeGreaterThan(0);
    expect((await rowsOf(target, "AuditEvent")).length).toBeGreaterThan(0);
  }, 120_000);

  it("leaves the restored database with its rules on and its migrations recorded as applied", async () => {
    const target = await createEmptyDatabase();
    await restoreDatabase(target, backupFile, { key });

    const [evidence] = await query<{ id: string }>(target, `SELECT id FROM "Evidence" LIMIT 1`);
    await expect(query(target, `UPDATE "Evidence" SET title = 'rewritten' WHERE id = $1`, [evidence!.id])).rejects.toThrow(/append-only/);
    await expect(query(target, `DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    const [published] = await query<{ id: string }>(target, `SELECT id FROM "Assessment" WHERE state = 'published' LIMIT 1`);
    await expect(query(target, `UPDATE "Assessment" SET narrative = 'rewritten' WHERE id = $1`, [published!.id])).rejects.toThrow(/published assessment/);
    expect(await applyMigrations(target, loginOf(process.env.DATABASE_URL!))).toEqual([]);
  }, 120_000);

  it("refuses a database that holds tables and changes nothing in it", async () => {
    const before = await rowsOf(sourceUrl(), "AuditEvent");
    await expect(restoreDatabase(sourceUrl(), backupFile, { key })).rejects.toThrow(BackupError);
    await expect(restoreDatabase(sourceUrl(), backupFile, { key })).rejects.toThrow(/not empty.*stop the tracker.*move the \.data folder aside.*empty database/s);
    expect(await rowsOf(sourceUrl(), "AuditEvent")).toEqual(before);
  });

  it("refuses a cut-off backup and leaves the target empty", async () => {
    const whole = await readFile(backupFile);
    const cut = path.join(folder, "cut.backup.gz");
    await writeFile(cut, whole.subarray(0, Math.floor(whole.length * 0.8)));
    const target = await createEmptyDatabase();

    await expect(restoreDatabase(target, cut, { key })).rejects.toThrow(/cut off or damaged/);
    expect(await tableNames(target)).toEqual([]);
  }, 120_000);

  it("never overwrites an existing file", async () => {
    const size = (await stat(backupFile)).size;
    await expect(backupDatabase(sourceUrl(), backupFile, key)).rejects.toThrow(/EEXIST/);
    expect((await stat(backupFile)).size).toBe(size);
  });

  it("records the fingerprint of the second-factor key and where the key comes from, never the key", async () => {
    const text = gunzipSync(await readFile(backupFile)).toString("utf8");
    const header = JSON.parse(text.slice(0, text.indexOf("\n"))) as { secondFactors: unknown };
    expect(header.secondFactors).toEqual({ key, enrolled: 1 });
    expect(text).not.toContain(keyMaterial);
  });

  it("refuses to bring back second factors the key in force cannot read, names what to bring back, and writes nothing", async () => {
    const target = await createEmptyDatabase();
    const refusal = restoreDatabase(target, backupFile, { key: otherKey });
    await expect(refusal).rejects.toThrow(BackupError);
    await expect(restoreDatabase(target, backupFile, { key: otherKey })).rejects.toThrow(/TOTP_ENCRYPTION_KEY.*--reset-second-factors/s);
    await expect(restoreDatabase(target, backupFile, { key: null })).rejects.toThrow(/TOTP_ENCRYPTION_KEY/);
    expect(await tableNames(target)).toEqual([]);
  }, 120_000);

  it("names the .data/auth-secret file when the backup's key was the one npm start keeps there", async () => {
    const kept = path.join(folder, "kept-key.backup.gz");
    await backupDatabase(sourceUrl(), kept, otherKey);
    const target = await createEmptyDatabase();
    await expect(restoreDatabase(target, kept, { key })).rejects.toThrow(/\.data\/auth-secret/);
  }, 120_000);

  it("told to go on under another key, restores everything else, removes every second factor and audits each reset", async () => {
    const target = await createEmptyDatabase();
    await restoreDatabase(target, backupFile, { key: otherKey, resetSecondFactors: true });

    expect(await rowsOf(target, "SecondFactor")).toEqual([]);
    expect(await rowsOf(target, "RecoveryCode")).toEqual([]);
    expect((await rowsOf(target, "User")).length).toBe((await rowsOf(sourceUrl(), "User")).length);
    const resets = await query<{ entityId: string; actorId: string | null }>(
      target,
      `SELECT "entityId", "actorId" FROM "AuditEvent" WHERE action = 'user.secondFactor.reset'`,
    );
    expect(resets).toEqual([{ entityId: enrolledUserId, actorId: null }]);
  }, 120_000);
});
