// npm start — everything a new user needs to see the tracker: a database (the
// embedded PostgreSQL in .data/ unless DATABASE_URL is set), the migrations,
// the demo dataset on first start, a production build if none exists, the
// server and the job worker (scripts/worker.ts). Ctrl-C stops them and the
// database cleanly.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import pretty from "pino-pretty";
import { BackupSettingsError, backupSettings } from "../server/backups/settings";
import { databaseReplicaUrl, embedAllowedOrigins } from "../server/env";
import { disconnectDb } from "../server/db/client";
import { isPortFree } from "./lib/embedded";
import { applyMigrations, projectRoot } from "./lib/migrations";
import { isDatabaseEmpty, seedDemoData } from "./lib/seed/demo";
import { authSecretFile, dataDir, openAppDatabase, StartupError, type AppDatabase } from "./lib/app-database";
import { supervise } from "./lib/supervise";

const port = Number(process.env.PORT ?? 3000);
const nextBin = path.join(projectRoot, "node_modules", "next", "dist", "bin", "next");
const tsxCli = path.join(projectRoot, "node_modules", "tsx", "dist", "cli.mjs");

function step(message: string) {
  console.log(`▸ ${message}`);
}

async function authSecret(): Promise<string> {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  // A secret kept beside the embedded data, so sessions survive a restart.
  const file = authSecretFile;
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, secret, { mode: 0o600 });
  console.log(`  NEXTAUTH_SECRET is not set: generated one in ${path.relative(projectRoot, file)}. Set NEXTAUTH_SECRET in production.`);
  return secret;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, stdout: "inherit" | "pipe" = "inherit"): ChildProcess {
  return spawn(process.execPath, [command, ...args], { cwd: projectRoot, env, stdio: ["inherit", stdout, "inherit"] });
}

const requestFields = ["requestId", "method", "route", "path", "status", "durationMs", "userId", "aborted"];

/**
 * The server's log as a person reads it on a terminal: the time, the level,
 * a request as `GET /path 200 12.3 ms`, errors with their stacks. The server
 * writes JSON lines (server/logger.mjs), which stay as they are elsewhere.
 */
function readableLog() {
  return pretty({
    colorize: true,
    // Written as it comes, so that the last lines before a stop are not lost.
    sync: true,
    translateTime: "SYS:HH:MM:ss.l",
    singleLine: true,
    ignore: ["pid", "hostname", ...requestFields].join(","),
    messageFormat: (log, messageKey) => {
      const field = (name: string) => {
        const value = log[name];
        return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : "";
      };
      if (log.method) return `${field("method")} ${field("path")} ${field("status") || "-"} ${field("durationMs")} ms${log.userId ? ` (user ${field("userId")})` : ""}${log.aborted ? " aborted" : ""}`;
      return `${field(messageKey)}${log.requestId ? ` (request ${field("requestId")})` : ""}`;
    },
  });
}

async function main() {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new StartupError(`PORT must be a port number; it is "${process.env.PORT}".`);
  try {
    // The job worker keeps the schedule; a bad one stops the tracker before it starts anything, not the worker after.
    backupSettings();
  } catch (error) {
    if (error instanceof BackupSettingsError) throw new StartupError(error.message);
    throw error;
  }
  try {
    // proxy.ts reads the origins on every embeddable card; a list it could not write into frame-ancestors stops the tracker here instead.
    embedAllowedOrigins();
    // The server processes read the replica (server/db/client.ts); a malformed URL stops the tracker here, not each page.
    if (databaseReplicaUrl() && !process.env.DATABASE_URL) {
      throw new Error("DATABASE_REPLICA_URL is set but DATABASE_URL is not: a replica streams from the PostgreSQL DATABASE_URL names, and the embedded one has none.");
    }
  } catch (error) {
    throw new StartupError((error as Error).message);
  }
  if (!(await isPortFree(port, "0.0.0.0"))) {
    throw new StartupError(`Port ${port} is already in use. Stop what uses it, or start the tracker on another port: PORT=3001 npm start`);
  }

  step(process.env.DATABASE_URL ? "Connecting to the database named by DATABASE_URL" : "Starting the embedded PostgreSQL (data in .data/)");
  const database: AppDatabase = await openAppDatabase();
  const supervisor = supervise(database);
  process.on("SIGINT", () => void supervisor.stop(0));
  process.on("SIGTERM", () => void supervisor.stop(0));

  try {
    step("Applying database migrations");
    const applied = await applyMigrations(database.migrationUrl, database.applicationRole).catch((error: Error) => {
      throw new StartupError(
        `A database migration failed, so the tracker did not start: ${error.message}\n` +
          "Migrations run as the tables' owner: MIGRATION_DATABASE_URL, or DATABASE_URL when it is not set.",
      );
    });
    if (applied.length > 0) console.log(`  applied ${applied.join(", ")}`);

    process.env.DATABASE_URL = database.url;
    if (await isDatabaseEmpty()) {
      step("Loading the demo dataset into the empty database");
      await seedDemoData();
    }
    await disconnectDb();

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      NEXTAUTH_SECRET: await authSecret(),
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
    };
    // The server processes connect as the application role and never hold the owner's password.
    delete env.MIGRATION_DATABASE_URL;
    if (database.embedded && process.env.TOTP_REQUIRED_ROLES === undefined) {
      // The demo accounts have no second factor; requiring one would hold the demo admin and manager at its setup.
      env.TOTP_REQUIRED_ROLES = "";
      console.log("  Demo: no role is required to set up a second factor (TOTP_REQUIRED_ROLES is empty). Production requires it of admins and managers.");
    }

    if (!existsSync(path.join(projectRoot, ".next", "BUILD_ID"))) {
      step("Building the app (first start only; a few minutes)");
      const build = run(nextBin, ["build"], env);
      const code = await new Promise<number | null>((resolve) => build.once("exit", resolve));
      if (code !== 0) throw new StartupError("The build failed (see above), so the tracker did not start.");
    }

    step(`Serving the tracker at http://localhost:${port}  (Ctrl-C stops it)`);
    if (database.embedded) console.log("  Demo accounts: admin@demo.local, manager@demo.local, reviewer@demo.local, staff@demo.local — password tracker-demo");
    const onTerminal = process.stdout.isTTY;
    const server = run(path.join(projectRoot, "scripts", "serve.mjs"), ["--port", String(port)], env, onTerminal ? "pipe" : "inherit");
    if (onTerminal) server.stdout?.pipe(readableLog());
    supervisor.watch(server);
    const worker = run(tsxCli, ["--conditions=react-server", path.join(projectRoot, "scripts", "worker.ts")], env, onTerminal ? "pipe" : "inherit");
    if (onTerminal) worker.stdout?.pipe(readableLog());
    supervisor.watch(worker, "job worker");
  } catch (error) {
    await disconnectDb().catch(() => undefined);
    await database.close();
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof StartupError ? `\n✖ ${error.message}` : `\n✖ The tracker did not start: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
