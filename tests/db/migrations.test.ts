import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { loginOf } from "../../scripts/lib/app-database";
import { applyMigrations, migrationsDir, pendingSchemaChange, projectRoot } from "../../scripts/lib/migrations";

const adminUrl = inject("databaseAdminUrl");

// Diffing schemas runs Prisma's schema engine as WebAssembly: seconds of CPU,
// several times that on a busy 2-core machine, so these two get more time.
const schemaDiffTimeoutMs = 120_000;

describe("migrations", () => {
  it("schema.prisma and the committed migrations agree", { timeout: schemaDiffTimeoutMs }, async () => {
    expect(await pendingSchemaChange(adminUrl)).toBeNull();
  });

  it("a schema change without its migration is detected", { timeout: schemaDiffTimeoutMs }, async () => {
    const schema = await readFile(path.join(projectRoot, "prisma", "schema.prisma"), "utf8");
    const changed = `${schema}\nmodel Forgotten {\n  id String @id\n}\n`;
    expect(await pendingSchemaChange(adminUrl, changed)).toMatch(/CREATE TABLE "Forgotten"/);
  });

  it("records applied migrations as prisma migrate deploy does, and applies each once", async () => {
    const url = process.env.MIGRATION_DATABASE_URL!;
    expect(await applyMigrations(url, loginOf(process.env.DATABASE_URL!))).toEqual([]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
        "SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name",
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const sql = await readFile(path.join(migrationsDir, row.migration_name, "migration.sql"));
        expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
        expect(row.finished_at).not.toBeNull();
      }
    } finally {
      await client.end();
    }
  });
});
