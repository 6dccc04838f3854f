// npm run db:restore <file> [--reset-second-factors] — loads a backup written
// by `npm run db:backup` into the database (DATABASE_URL, or the embedded one
// in .data/), which must be empty: a database holding tables is refused and
// left as it is. It writes as the tables' owner, then grants the application
// role its privileges. A backup whose second factors were encrypted under
// another key than the one in force is refused, unless told to go on without
// them (scripts/lib/backup.ts).
import path from "node:path";
import { parseArgs } from "node:util";
import { grantApplicationPrivileges } from "../server/db/roles";
import { BackupError, checkBackup, restoreDatabase, type RestoreOptions } from "./lib/backup";
import { safeLocation, StartupError } from "./lib/app-database";
import { secondFactorKeyInForce } from "./lib/second-factor-key";
import { openToolDatabase } from "./lib/tool-database";

const { values: flags, positionals } = parseArgs({ options: { "reset-second-factors": { type: "boolean" } }, allowPositionals: true, strict: false });
const given = positionals[0];
if (!given) {
  console.error("Name the backup to restore: npm run db:restore -- backups/tracker-….backup.gz");
  process.exit(1);
}
const file = path.resolve(given);
try {
  const options: RestoreOptions = { key: await secondFactorKeyInForce(), resetSecondFactors: flags["reset-second-factors"] === true };
  // Before any database is opened: the embedded one would otherwise be created for a file that is not there.
  await checkBackup(file, options);
  const database = await openToolDatabase();
  try {
    const summary = await restoreDatabase(database.migrationUrl, file, options);
    if (database.applicationRole) await grantApplicationPrivileges(database.migrationUrl, database.applicationRole);
    console.log(
      `Restored ${summary.tables} tables, ${summary.rows} rows into ${safeLocation(database.migrationUrl)}. ` +
        "npm start (or npm run db:migrate) applies any migration newer than the backup.",
    );
  } finally {
    await database.close();
  }
} catch (error) {
  if (error instanceof BackupError || error instanceof StartupError) console.error(error.message);
  else if ((error as NodeJS.ErrnoException).code === "ENOENT") console.error(`There is no file ${file}.`);
  else console.error(`The restore failed and was undone; the database is as it was: ${(error as Error).message}`);
  process.exit(1);
}
