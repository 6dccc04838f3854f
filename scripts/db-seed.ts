// npm run db:seed — loads the demo dataset into an empty database (DATABASE_URL,
// or the embedded one in .data/). Refuses a database that already holds data.
// The data is written as the app writes it, as the application role.
import { disconnectDb } from "../server/db/client";
import { applyMigrations } from "./lib/migrations";
import { DatabaseNotEmptyError, seedDemoData } from "./lib/seed/demo";
import { openAppDatabase, StartupError } from "./lib/app-database";

try {
  const database = await openAppDatabase();
  try {
    await applyMigrations(database.migrationUrl, database.applicationRole);
    process.env.DATABASE_URL = database.url;
    await seedDemoData();
    console.log("Loaded the demo dataset. Demo accounts: admin@, manager@, reviewer@, staff@demo.local with the password tracker-demo.");
  } finally {
    await disconnectDb();
    await database.close();
  }
} catch (error) {
  if (error instanceof DatabaseNotEmptyError || error instanceof StartupError) {
    console.error(error.message);
  } else {
    console.error(`Loading the demo dataset failed; nothing was written: ${(error as Error).message}`);
  }
  process.exit(1);
}
