import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

// `npm start` killed outright (SIGKILL, a crash) leaves its PostgreSQL
// running from .data; the next start must recognise it as its own.
const root = path.resolve(import.meta.dirname, "../..");
const embedded = JSON.stringify(path.join(root, "scripts/lib/embedded.ts"));
const ports = JSON.stringify(path.join(root, "scripts/lib/ports.ts"));

function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, "cluster", "postmaster.pid");
  return existsSync(file) ? Number(readFileSync(file, "utf8").split("\n")[0]) : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts the embedded PostgreSQL on the folder in a process of its own, which keeps running until killed; resolves its port. */
async function startInChild(dataDir: string) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", `
      const { startEmbeddedPostgres } = await import(${embedded});
      const { findFreePort } = await import(${ports});
      const port = await findFreePort();
      await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port });
      console.log("started " + port);
      setInterval(() => {}, 1000);`],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  child.stdout.setEncoding("utf8");
  while (!/started \d+/.test(output)) output += (await once(child.stdout, "data"))[0];
  return { child, port: Number(/started (\d+)/.exec(output)![1]) };
}

function startAgain(dataDir: string, port: number) {
  return spawnSync(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", `
      const { startEmbeddedPostgres } = await import(${embedded});
      const server = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port} });
      await server.stop();`],
    { cwd: root, encoding: "utf8", timeout: 120_000 },
  );
}

async function cleanUp(dataDir: string) {
  const pid = postmasterPid(dataDir);
  if (pid !== null && isAlive(pid)) process.kill(pid, "SIGINT");
  // The stopped server removes its pid file; the folder goes once it has.
  while (postmasterPid(dataDir) !== null && isAlive(postmasterPid(dataDir)!)) await new Promise((resolve) => setTimeout(resolve, 100));
  rmSync(dataDir, { recursive: true, force: true });
}

it("stops the tracker's own PostgreSQL left running by a killed start, says so, and starts anew", async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tracker-orphan-"));
  try {
    const { child, port } = await startInChild(dataDir);
    child.kill("SIGKILL");
    await once(child, "exit");
    const orphan = postmasterPid(dataDir);
    expect(orphan !== null && isAlive(orphan)).toBe(true);

    const second = startAgain(dataDir, port);
    expect(second.stderr).toBe("");
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`PostgreSQL.*left running.*\\(process ${orphan}\\).*stopped`));
    expect(isAlive(orphan!)).toBe(false);
  } finally {
    await cleanUp(dataDir);
  }
}, 240_000);

it("leaves alone the PostgreSQL of a tracker still running on the folder, and says which process holds it", async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tracker-orphan-"));
  const { child, port } = await startInChild(dataDir);
  try {
    const server = postmasterPid(dataDir)!;
    const second = startAgain(dataDir, port);
    expect(second.status).not.toBe(0);
    expect(second.stderr).toContain(`already running, for another tracker or tool still at work (process ${child.pid})`);
    expect(isAlive(server)).toBe(true);
  } finally {
    child.kill("SIGKILL");
    await once(child, "exit");
    await cleanUp(dataDir);
  }
}, 240_000);

it("finds the port of the tracker's PostgreSQL running from a data folder, for backups whatever EMBEDDED_PG_PORT says", async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tracker-orphan-"));
  const { child, port } = await startInChild(dataDir);
  try {
    const { runningEmbeddedPort } = await import("../../scripts/lib/embedded");
    expect(await runningEmbeddedPort(dataDir)).toBe(port);
  } finally {
    child.kill("SIGKILL");
    await once(child, "exit");
    await cleanUp(dataDir);
  }
  expect(await (await import("../../scripts/lib/embedded")).runningEmbeddedPort(dataDir)).toBeNull();
}, 240_000);
