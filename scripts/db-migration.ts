// npm run db:migration -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that
// brings the committed migrations up to prisma/schema.prisma. Offline, like
// `prisma migrate dev --create-only`; review and extend the SQL before committing
// (check constraints and triggers that Prisma cannot express go there too).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { migrationLockfile, migrationsDir, pendingSchemaChange } from "./lib/migrations";
import { startThrowawayServer } from "./lib/throwaway-database";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (the name in lower snake case, e.g. add_indicator_notes)");
  process.exit(2);
}

const server = await startThrowawayServer();
try {
  const sql = await pendingSchemaChange(server.adminUrl);
  if (sql === null) {
    console.log("schema.prisma and the committed migrations agree: no migration written.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const folder = path.join(migrationsDir, `${stamp}_${name}`);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, "migration.sql"), sql);
    await writeFile(path.join(migrationsDir, "migration_lock.toml"), migrationLockfile);
    console.log(`Wrote ${path.relative(process.cwd(), path.join(folder, "migration.sql"))}. Review it before committing.`);
  }
} finally {
  await server.stop();
}
