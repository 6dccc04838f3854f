// npm run worker — runs the job worker alone, for deployments that run it
// apart from the app (npm start runs one beside the server). It works on the
// database DATABASE_URL names, or on the embedded one of a running `npm start`.
// SIGTERM or Ctrl-C lets the jobs under way finish, then it exits.
import { BackupSettingsError } from "../server/backups/settings";
import { disconnectDb } from "../server/db/client";
import { registeredJobs } from "../server/jobs/registry";
import { stopJobQueue } from "../server/jobs/queue";
import { startWorker } from "../server/jobs/worker";
import { logger } from "../server/log";
import { StartupError } from "./lib/app-database";
import { openToolDatabase } from "./lib/tool-database";

try {
  const jobs = registeredJobs();
  const database = process.env.DATABASE_URL ? null : await openToolDatabase();
  if (database) process.env.DATABASE_URL = database.url;
  const worker = await startWorker({ jobs });
  logger.info(`The job worker runs (${jobs.map((job) => job.name).join(", ") || "no jobs"}).`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    logger.info("The job worker is stopping once its jobs under way finish.");
    await worker.stop();
    await stopJobQueue();
    await disconnectDb();
    await database?.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
} catch (error) {
  console.error(error instanceof StartupError || error instanceof BackupSettingsError ? `✖ ${error.message}` : `✖ The job worker did not start: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
}
