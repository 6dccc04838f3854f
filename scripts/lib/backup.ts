// Backups of the tracker's database, written and read in Node rather than by
// pg_dump/pg_restore: the embedded server is PostgreSQL 18 and ships no client
// tools, and a pg_dump older than the server refuses to dump it (Debian's is
// 15), while PostgreSQL's COPY protocol reads and writes every version alike.
//
// A backup holds the data, not the schema: the schema is the project's
// migrations, and the backup names those that had been applied (with Prisma's
// checksums). A restore replays exactly those migrations and loads the data in
// ONE transaction, so a restore that fails for any reason (a damaged file, a
// rule the data breaks) leaves the target as empty as it found it.
//
// The file is gzip-compressed UTF-8 lines: a JSON header; per table a JSON
// line naming it and its columns, its rows in COPY text format (one row a
// line) and a line `\.`; the sequences' positions; a JSON end line with each
// table's row count, so a cut-off file is refused.
//
// Second-factor secrets are encrypted under a key the backup does not carry
// (server/auth/second-factor-key.ts). The header records the key's fingerprint
// and source, and how many second factors the backup holds, so that a restore
// under another key is refused before anything is written, or, when told to go
// on, removes every second factor (audited per person) rather than leave
// secrets nobody can read.
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createReadStream } from "node:fs";
import { open, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream";
import { finished } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import type { SecondFactorKeyFingerprint } from "../../server/auth/second-factor-key";
import { migrationsDir } from "./migrations";

const format = "four-pillar-tracker-backup";
const formatVersion = 1;
const endOfRows = "\\.";

interface Migration {
  name: string;
  checksum: string;
}

interface Header {
  format: typeof format;
  formatVersion: number;
  createdAt: string;
  postgres: string;
  migrations: Migration[];
  /** Every table in the file, as schema.name. */
  tables: string[];
  /** The key the second factors' secrets are encrypted under (null when none was found) and how many there are. Absent from older backups. */
  secondFactors?: { key: SecondFactorKeyFingerprint | null; enrolled: number };
}

export interface RestoreOptions {
  /** The second-factor key the tracker will run with (scripts/lib/second-factor-key.ts). */
  key: SecondFactorKeyFingerprint | null;
  /** Go on when the backup's second factors were encrypted under another key: remove them all. */
  resetSecondFactors?: boolean;
}

interface TableSection {
  schema: string;
  name: string;
  columns: string[];
}

interface SequencePosition {
  schema: string;
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export interface BackupSummary {
  tables: number;
  rows: number;
  migrations: string[];
}

/** The name of a backup taken at `at`, sorting in the order they were taken: `tracker-2026-03-01T03-00-00Z.backup.gz`. */
export function backupFileName(at: Date): string {
  return `tracker-${at.toISOString().replace(/\.\d+Z$/, "Z").replaceAll(":", "-")}.backup.gz`;
}

/** A refusal or a damaged file: the message says what to do, nothing was changed. */
export class BackupError extends Error {}

const userSchemas = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;

const quoted = (schema: string, name: string) => `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(name)}`;

/**
 * Every table of the database's own schemas, parents before the tables whose
 * foreign keys point to them, so that a restore loads them in file order.
 */
async function tablesInLoadOrder(client: pg.Client): Promise<TableSection[]> {
  const { rows } = await client.query<{ oid: number; schema: string; name: string; columns: string[]; parents: number[] }>(`
    SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name,
      ARRAY(SELECT a.attname::text FROM pg_attribute a
            WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
            ORDER BY a.attnum) AS columns,
      ARRAY(SELECT DISTINCT f.confrelid::int FROM pg_constraint f
            WHERE f.conrelid = c.oid AND f.contype = 'f' AND f.confrelid <> c.oid) AS parents
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${userSchemas}
    ORDER BY n.nspname, c.relname`);
  const ordered: TableSection[] = [];
  const placed = new Set<number>();
  let remaining = rows;
  while (remaining.length > 0) {
    const ready = remaining.filter((table) => table.parents.every((parent) => placed.has(parent)));
    if (ready.length === 0) {
      throw new BackupError(`The tables ${remaining.map((t) => t.name).join(", ")} refer to each other in a cycle; this backup cannot order them.`);
    }
    for (const table of ready) {
      placed.add(table.oid);
      ordered.push({ schema: table.schema, name: table.name, columns: table.columns });
    }
    remaining = remaining.filter((table) => !placed.has(table.oid));
  }
  return ordered;
}

async function appliedMigrations(client: pg.Client): Promise<Migration[]> {
  const table = await client.query("SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = '_prisma_migrations'");
  if (table.rowCount === 0) return [];
  const { rows } = await client.query<Migration>(
    "SELECT migration_name AS name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
  );
  return rows;
}

async function enrolledSecondFactors(client: pg.Client): Promise<number> {
  const table = await client.query(`SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'SecondFactor'`);
  if (table.rowCount === 0) return 0;
  return (await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM "SecondFactor"`)).rows[0]!.count;
}

async function write(stream: NodeJS.WritableStream, chunk: string | Buffer): Promise<void> {
  if (!stream.write(chunk)) await once(stream, "drain");
}

/**
 * Writes a backup of the database at `url` to `file`, from one consistent
 * snapshot, recording the fingerprint of `key`, the second-factor key in force.
 * Never overwrites a file; a backup that fails leaves no file.
 */
export async function backupDatabase(url: string, file: string, key: SecondFactorKeyFingerprint | null): Promise<BackupSummary> {
  const handle = await open(file, "wx", 0o600);
  const gzip = createGzip();
  const output = gzip.pipe(handle.createWriteStream());
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const migrations = await appliedMigrations(client);
    const postgres = (await client.query<{ version: string }>("SELECT current_setting('server_version') AS version")).rows[0]!.version;
    const tables = await tablesInLoadOrder(client);
    const header: Header = {
      format,
      formatVersion,
      createdAt: new Date().toISOString(),
      postgres,
      migrations,
      tables: tables.map((table) => `${table.schema}.${table.name}`),
      secondFactors: { key, enrolled: await enrolledSecondFactors(client) },
    };
    await write(gzip, `${JSON.stringify(header)}\n`);

    const counts: Record<string, number> = {};
    for (const table of tables) {
      await write(gzip, `${JSON.stringify({ table })}\n`);
      const columns = table.columns.map((column) => pg.escapeIdentifier(column)).join(", ");
      const rows = client.query(copyTo(`COPY (SELECT ${columns} FROM ${quoted(table.schema, table.name)}) TO STDOUT`));
      for await (const chunk of rows) await write(gzip, chunk as Buffer);
      await write(gzip, `${endOfRows}\n`);
      counts[`${table.schema}.${table.name}`] = rows.rowCount;
    }

    const { rows: sequences } = await client.query<{ schema: string; name: string }>(
      `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND ${userSchemas}`,
    );
    for (const { schema, name } of sequences) {
      const position = await client.query<{ lastValue: string; isCalled: boolean }>(
        `SELECT last_value::text AS "lastValue", is_called AS "isCalled" FROM ${quoted(schema, name)}`,
      );
      const sequence: SequencePosition = { schema, name, ...position.rows[0]! };
      await write(gzip, `${JSON.stringify({ sequence })}\n`);
    }
    await write(gzip, `${JSON.stringify({ end: { rows: counts } })}\n`);
    await client.query("COMMIT");
    gzip.end();
    await finished(output);
    return { tables: tables.length, rows: Object.values(counts).reduce((sum, n) => sum + n, 0), migrations: migrations.map((m) => m.name) };
  } catch (error) {
    gzip.destroy();
    output.destroy();
    await rm(file, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The tables (and views, sequences…) already in the database's own schemas. */
async function existingRelations(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND ${userSchemas} ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}

/** The project's migration scripts the backup names, each checked against the checksum it was applied with. */
async function migrationScripts(migrations: Migration[]): Promise<string[]> {
  return Promise.all(
    migrations.map(async ({ name, checksum }) => {
      const script = await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8").catch(() => null);
      if (script === null) {
        throw new BackupError(
          `The backup was taken from a database with the migration ${name}, which this version of the tracker does not have. Restore it with the version that wrote it.`,
        );
      }
      if (createHash("sha256").update(script).digest("hex") !== checksum) {
        throw new BackupError(`The migration ${name} of this version of the tracker differs from the one the backed-up database was built with.`);
      }
      return script;
    }),
  );
}

// Prisma's own bookkeeping table, as `prisma migrate deploy` creates it; the
// backup's rows of it are loaded like any other table's.
const prismaMigrationsTable = `CREATE TABLE "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// readline would hang on a cut-off gzip stream (its error never ends the
// iteration); iterating the stream itself rethrows the error.
async function* linesOf(stream: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let pending = "";
  for await (const chunk of stream) {
    const lines = (pending + decoder.decode(chunk, { stream: true })).split("\n");
    pending = lines.pop()!;
    yield* lines;
  }
  pending += decoder.decode();
  if (pending !== "") yield pending;
}

function splitName(table: string): [string, string] {
  const dot = table.indexOf(".");
  return [table.slice(0, dot), table.slice(dot + 1)];
}

function parseLine<T>(line: string | undefined, what: string): T {
  try {
    if (line === undefined) throw new Error("missing");
    return JSON.parse(line) as T;
  } catch {
    throw new BackupError(`The file is not a complete tracker backup: ${what} is missing or damaged.`);
  }
}

interface OpenedBackup {
  header: Header;
  /** The next line after the header; undefined at the end of the file. */
  next: () => Promise<string | undefined>;
  close: () => Promise<void>;
}

function damagedFileError(error: unknown): unknown {
  if (error instanceof Error && "code" in error && (error.code === "Z_BUF_ERROR" || error.code === "Z_DATA_ERROR")) {
    return new BackupError("The file is not a complete tracker backup: it is cut off or damaged. Nothing was changed.");
  }
  return error;
}

async function openBackup(file: string): Promise<OpenedBackup> {
  await stat(file);
  const input = createReadStream(file);
  // An error of either stream ends the line iteration with that error.
  const lines = linesOf(pipeline(input, createGunzip(), () => undefined));
  const next = async () => {
    const result = await lines.next();
    return result.done ? undefined : result.value;
  };
  const close = async () => {
    await lines.return(undefined);
    input.destroy();
  };
  try {
    const header = parseLine<Header>(await next(), "its header");
    if (header.format !== format) throw new BackupError("The file is not a tracker backup (npm run db:backup writes them).");
    if (header.formatVersion !== formatVersion) throw new BackupError(`The backup's format (${header.formatVersion}) is not one this version of the tracker reads.`);
    return { header, next, close };
  } catch (error) {
    await close();
    throw damagedFileError(error);
  }
}

const whatToBringBack: Record<SecondFactorKeyFingerprint["source"], string> = {
  TOTP_ENCRYPTION_KEY: "set TOTP_ENCRYPTION_KEY to the value it had when the backup was taken",
  NEXTAUTH_SECRET: "set NEXTAUTH_SECRET to the value it had when the backup was taken (and leave TOTP_ENCRYPTION_KEY unset)",
  ".data/auth-secret":
    "put back the file .data/auth-secret from the .data folder of the tracker the backup was taken from (the backup does not hold it, and a new .data folder gets a new one), and leave TOTP_ENCRYPTION_KEY and NEXTAUTH_SECRET unset",
};

/**
 * Whether the backup's second factors must be removed on restore: they were
 * encrypted under a key other than the one in force and the restore was told
 * to go on. Refuses when it was not told to.
 */
function secondFactorsToReset(header: Header, { key, resetSecondFactors = false }: RestoreOptions): boolean {
  const recorded = header.secondFactors;
  if (!recorded?.key || recorded.enrolled === 0 || recorded.key.fingerprint === key?.fingerprint) return false;
  if (resetSecondFactors) return true;
  const inForce = key ? `the one of ${key.source}` : "none: neither TOTP_ENCRYPTION_KEY, NEXTAUTH_SECRET nor .data/auth-secret is there";
  throw new BackupError(
    `The backup holds ${recorded.enrolled} second factor(s) encrypted under the key of ${recorded.key.source}, and the key in force is another (${inForce}); ` +
      `after this restore nobody with a second factor could sign in. To keep them, ${whatToBringBack[recorded.key.source]}, and restore again. ` +
      "To go on without them, restore with --reset-second-factors: every second factor is removed (the audit trail records it) and the people concerned set one up again. Nothing was changed.",
  );
}

/**
 * Reads a backup back whole, as a restore would, without a database: every
 * section must parse and end, and each table must hold the rows its end line
 * says were written. Answers what it holds; a cut-off or damaged file is a
 * BackupError.
 */
export async function verifyBackup(file: string): Promise<Omit<BackupSummary, "migrations">> {
  const { next, close } = await openBackup(file);
  try {
    const counted: Record<string, number> = {};
    let end: { rows: Record<string, number> } | undefined;
    for (let line = await next(); line !== undefined; line = await next()) {
      const entry = parseLine<{ table?: TableSection; end?: { rows: Record<string, number> } }>(line, "a section");
      if (entry.table) {
        const table = `${entry.table.schema}.${entry.table.name}`;
        let rows = 0;
        for (let row = await next(); row !== endOfRows; row = await next()) {
          if (row === undefined) throw new BackupError(`The file is cut off in the rows of ${entry.table.name}.`);
          rows += 1;
        }
        counted[table] = rows;
      } else if (entry.end) {
        end = entry.end;
      }
    }
    if (!end) throw new BackupError("The file is cut off: its end is missing.");
    for (const [table, count] of Object.entries(end.rows)) {
      if (counted[table] !== count) throw new BackupError(`The file holds ${counted[table] ?? 0} rows of ${table} where ${count} were written.`);
    }
    return { tables: Object.keys(counted).length, rows: Object.values(counted).reduce((sum, n) => sum + n, 0) };
  } catch (error) {
    throw damagedFileError(error);
  } finally {
    await close();
  }
}

/**
 * Reads the backup's header and refuses what restoreDatabase would refuse
 * before it touches a database: a missing or foreign file, a second-factor
 * key other than the one in force.
 */
export async function checkBackup(file: string, options: RestoreOptions): Promise<void> {
  const backup = await openBackup(file);
  try {
    secondFactorsToReset(backup.header, options);
  } finally {
    await backup.close();
  }
}

/**
 * Restores a backup into the database at `url`, which must hold no tables: a
 * database that does is refused before anything is written. The migrations
 * the backup names and all its rows are written in one transaction. The
 * append-only and published-assessment triggers refuse rows in an order a
 * restore must use (a published assessment's citations come after it), so
 * user triggers are off while rows load and on again before the commit.
 */
export async function restoreDatabase(url: string, file: string, options: RestoreOptions): Promise<BackupSummary> {
  const { header, next, close } = await openBackup(file);
  const client = new pg.Client({ connectionString: url });
  try {
    const resetSecondFactors = secondFactorsToReset(header, options);
    await client.connect();
    const existing = await existingRelations(client);
    if (existing.length > 0) {
      const shown = existing.slice(0, 5).join(", ") + (existing.length > 5 ? ", …" : "");
      throw new BackupError(
        `The target database is not empty (${existing.length} tables and other relations: ${shown}). A backup is restored only into an empty database; nothing was changed. ` +
          "With the embedded database: stop the tracker (Ctrl-C where npm start runs), move the .data folder aside, put its auth-secret file back in a new .data folder, and restore again. " +
          "With your own server: point DATABASE_URL (and MIGRATION_DATABASE_URL) at a new, empty database.",
      );
    }
    const scripts = await migrationScripts(header.migrations);

    await client.query("BEGIN");
    try {
      for (const script of scripts) await client.query(script);
      if (header.migrations.length > 0) await client.query(prismaMigrationsTable);
      // Rows a migration wrote (a counter's first row) come from the backup like every other.
      if (header.tables.length > 0) {
        await client.query(`TRUNCATE ${header.tables.map((table) => quoted(...splitName(table))).join(", ")}`);
      }

      const loaded: Record<string, number> = {};
      const tables: TableSection[] = [];
      let end: { rows: Record<string, number> } | undefined;
      for (let line = await next(); line !== undefined; line = await next()) {
        const entry = parseLine<{ table?: TableSection; sequence?: SequencePosition; end?: { rows: Record<string, number> } }>(line, "a section");
        if (entry.table) {
          const { schema, name, columns } = entry.table;
          tables.push(entry.table);
          await client.query(`ALTER TABLE ${quoted(schema, name)} DISABLE TRIGGER USER`);
          const rows = client.query(copyFrom(`COPY ${quoted(schema, name)} (${columns.map((c) => pg.escapeIdentifier(c)).join(", ")}) FROM STDIN`));
          try {
            for (let row = await next(); row !== endOfRows; row = await next()) {
              if (row === undefined) throw new BackupError(`The file is cut off in the rows of ${name}.`);
              await write(rows, `${row}\n`);
            }
          } catch (error) {
            // Ends the COPY with a failure, or the connection would wait for more rows.
            rows.destroy(error as Error);
            await finished(rows).catch(() => undefined);
            throw error;
          }
          rows.end();
          await finished(rows);
          loaded[`${schema}.${name}`] = rows.rowCount;
        } else if (entry.sequence) {
          const { schema, name, lastValue, isCalled } = entry.sequence;
          await client.query("SELECT setval($1::regclass, $2::bigint, $3)", [quoted(schema, name), lastValue, isCalled]);
        } else if (entry.end) {
          end = entry.end;
        }
      }
      if (!end) throw new BackupError("The file is cut off: its end is missing.");
      for (const [table, count] of Object.entries(end.rows)) {
        if (loaded[table] !== count) throw new BackupError(`The file holds ${loaded[table] ?? 0} rows of ${table} where ${count} were written.`);
      }
      for (const { schema, name } of tables) await client.query(`ALTER TABLE ${quoted(schema, name)} ENABLE TRIGGER USER`);
      if (resetSecondFactors) {
        const after = { reason: "restoredUnderAnotherKey", backupKeySource: header.secondFactors!.key!.source, keySourceInForce: options.key?.source ?? null };
        await client.query(
          `INSERT INTO "AuditEvent" (id, action, "entityType", "entityId", after)
           SELECT gen_random_uuid()::text, 'user.secondFactor.reset', 'User', "userId", $1::jsonb FROM "SecondFactor"`,
          [JSON.stringify(after)],
        );
        await client.query(`DELETE FROM "RecoveryCode"`);
        await client.query(`DELETE FROM "SecondFactor"`);
      }
      await client.query("COMMIT");
      return { tables: tables.length, rows: Object.values(loaded).reduce((sum, n) => sum + n, 0), migrations: header.migrations.map((m) => m.name) };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  } catch (error) {
    throw damagedFileError(error);
  } finally {
    await close();
    await client.end().catch(() => undefined);
  }
}
