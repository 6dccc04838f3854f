// npm run db:backup [file] — writes a backup of the database (DATABASE_URL, or
// the embedded one in .data/) to the file, by default a new timestamped file
// in backups/. See scripts/lib/backup.ts for what a backup holds. It reads as
// the tables' owner; the job worker's scheduled backups (server/backups), as
// the application role, which may read every table too.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { projectRoot } from "./lib/migrations";
import { BackupError, backupDatabase, backupFileName } from "./lib/backup";
import { safeLocation, StartupError } from "./lib/app-database";
import { secondFactorKeyInForce } from "./lib/second-factor-key";
import { openToolDatabase } from "./lib/tool-database";

const file = path.resolve(process.argv[2] ?? path.join(projectRoot, "backups", backupFileName(new Date())));
try {
  await mkdir(path.dirname(file), { recursive: true });
  const database = await openToolDatabase();
  try {
    const key = await secondFactorKeyInForce();
    if (!key) {
      console.warn(
        "Neither TOTP_ENCRYPTION_KEY, NEXTAUTH_SECRET nor .data/auth-secret is there: the backup cannot record which key its second factors need. Run it with the tracker's own settings.",
      );
    }
    const summary = await backupDatabase(database.migrationUrl, file, key);
    console.log(`Backed up ${safeLocation(database.migrationUrl)}: ${summary.tables} tables, ${summary.rows} rows, to ${path.relative(process.cwd(), file) || file}`);
  } finally {
    await database.close();
  }
} catch (error) {
  if (error instanceof BackupError || error instanceof StartupError) console.error(error.message);
  else if ((error as NodeJS.ErrnoException).code === "EEXIST") console.error(`${file} already exists; a backup never overwrites a file. Name another.`);
  else console.error(`The backup failed: ${(error as Error).message}`);
  process.exit(1);
}
