// Applies and writes Prisma migrations offline. Prisma 7's CLI downloads a
// native schema engine, which these machines cannot reach; Prisma's own engine
// compiled to WebAssembly does the same work through the pg driver adapter.
// Migrations applied here are recorded in `_prisma_migrations` exactly as
// `prisma migrate deploy` records them, so either tool can follow the other.
// This is the only module that knows about the WebAssembly engine.
import { randomUUID } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PoolConfig } from "pg";
import { parseIntoClientConfig } from "pg-connection-string";
import { ColumnTypeEnum, bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineGlue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { grantApplicationPrivileges } from "../../server/db/roles";

export const projectRoot = path.resolve(import.meta.dirname, "..", "..");
const schemaPath = path.join(projectRoot, "prisma", "schema.prisma");
const migrationsDir = path.join(projectRoot, "prisma", "migrations");
const noFilters = { externalTables: [], externalEnums: [] };

let engineModule: Promise<typeof engineGlue> | undefined;

function loadEngineModule(): Promise<typeof engineGlue> {
  engineModule ??= (async () => {
    // The engine reports a Rust panic here before it throws.
    const panics = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
    panics.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (message) => console.error(`Prisma schema engine panicked: ${message}`),
    };
    const require = createRequire(import.meta.url);
    const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
    const compiled = await WebAssembly.compile(await readFile(wasmPath));
    const instance = await WebAssembly.instantiate(compiled, {
      "./schema_engine_bg.js": engineGlue as unknown as WebAssembly.ModuleImports,
    });
    engineGlue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return engineGlue;
  })();
  return engineModule;
}

// Three repairs to the pg adapter for migration work.
// - It reaches the shadow database by overriding `database` in the pool's
//   config, which a `connectionString` silently wins over; so the URL is
//   given parsed into fields.
// - It drops the shadow database while its own pool still holds a connection
//   to it; here the pool is ended first.
// - It cannot read PostgreSQL's one-byte "char" type, which the catalog
//   queries that describe a database return (constraint kinds); such columns
//   are handed to the engine as characters.
// - It runs a script by splitting it on every ";", which breaks function
//   bodies and strings; PostgreSQL runs a multi-statement script whole (and
//   atomically) when it is sent as one simple query.
class MigrationPg extends PrismaPg {
  private readonly opened: PgAdapter[] = [];

  constructor(private readonly poolConfig: PoolConfig) {
    super(poolConfig);
  }

  override async connect() {
    const adapter = readCharAsCharacter(runScriptsWhole(await super.connect()));
    // Disposed by the engine or by closeAll, whichever comes first, once.
    const dispose = adapter.dispose.bind(adapter);
    let disposed: Promise<void> | undefined;
    adapter.dispose = () => (disposed ??= dispose());
    this.opened.push(adapter);
    return adapter;
  }

  /** The engine does not close its connections when freed; this does. */
  async closeAll(): Promise<void> {
    await Promise.all(this.opened.splice(0).map((adapter) => adapter.dispose()));
  }

  override async connectToShadowDb() {
    const admin = await this.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new MigrationPg({ ...this.poolConfig, database }).connect();
    const endPool = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await endPool();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.dispose();
    };
    return shadow;
  }
}

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

const CHAR_OID = 18;
const TEXT_OID = 25;

interface Queryable {
  performIO(query: unknown): Promise<{ fields: { dataTypeID: number }[] }>;
  queryRaw(query: unknown): Promise<{ columnTypes: number[] }>;
}

function readCharAsCharacter(adapter: PgAdapter): PgAdapter {
  const queryable = adapter as unknown as Queryable;
  const performIO = queryable.performIO.bind(adapter);
  const queryRaw = queryable.queryRaw.bind(adapter);
  let charColumns: number[] = [];
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    charColumns = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID === CHAR_OID) {
        charColumns.push(index);
        field.dataTypeID = TEXT_OID;
      }
    });
    return result;
  };
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumns) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return adapter;
}

function runScriptsWhole(adapter: PgAdapter): PgAdapter {
  const driver = adapter.underlyingDriver();
  adapter.executeScript = async (script: string) => {
    try {
      await driver.query(script);
    } catch (error) {
      (adapter as unknown as { onError(error: unknown): never }).onError(error);
    }
  };
  return adapter;
}

async function withEngine<T>(databaseUrl: string, work: (engine: SchemaEngine, schema: string) => Promise<T>): Promise<T> {
  const glue = await loadEngineModule();
  const schema = await readFile(schemaPath, "utf8");
  const factory = new MigrationPg(parseIntoClientConfig(databaseUrl));
  const engine = await glue.SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => {}, bindMigrationAwareSqlAdapterFactory(factory));
  try {
    return await work(engine, schema);
  } finally {
    engine.free();
    await factory.closeAll();
  }
}

async function readMigrationList(): Promise<MigrationList> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8") },
      },
    })),
  );
  const lockfilePath = path.join(migrationsDir, "migration_lock.toml");
  const lockfile = await readFile(lockfilePath, "utf8").catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: lockfile },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/**
 * Applies every committed migration not yet applied, as the tables' owner
 * (`ownerUrl`), and returns their names. Then, whether or not any was
 * applied, grants the application role its privileges on every table
 * (server/db/roles.ts); null when the app connects as the owner itself,
 * which only a server outside production accepts.
 */
export async function applyMigrations(ownerUrl: string, applicationRole: string | null): Promise<string[]> {
  const migrationsList = await readMigrationList();
  const applied = await withEngine(ownerUrl, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return result.appliedMigrationNames;
  });
  if (applicationRole !== null) await grantApplicationPrivileges(ownerUrl, applicationRole);
  return applied;
}

/**
 * The SQL that would bring the committed migrations up to schema.prisma, or
 * null when they agree. Replays the migrations in a throw-away shadow database
 * on the server `databaseUrl` points to. `schemaText` stands in for
 * schema.prisma when given.
 */
export async function pendingSchemaChange(databaseUrl: string, schemaText?: string): Promise<string | null> {
  const migrationsList = await readMigrationList();
  return withEngine(databaseUrl, async (engine, committedSchema) => {
    const schema = schemaText ?? committedSchema;
    const result = await engine.diff({
      from: migrationsList.migrationDirectories.length > 0 ? { tag: "migrations", ...migrationsList } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    return result.exitCode === 2 ? (result.stdout ?? "") : null;
  });
}

export const migrationLockfile = '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n';

export { migrationsDir };
