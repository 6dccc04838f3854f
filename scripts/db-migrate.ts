// npm run db:migrate — applies the committed migrations, as the tables' owner
// (MIGRATION_DATABASE_URL), and grants the application role (DATABASE_URL) its
// privileges; or does both in the embedded database in .data/ when
// DATABASE_URL is not set.
import { applyMigrations } from "./lib/migrations";
import { openAppDatabase, StartupError } from "./lib/app-database";

try {
  const database = await openAppDatabase();
  try {
    const applied = await applyMigrations(database.migrationUrl, database.applicationRole);
    console.log(applied.length > 0 ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "The database is up to date.");
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(error instanceof StartupError ? error.message : `Migration failed: ${(error as Error).message}`);
  process.exit(1);
}
