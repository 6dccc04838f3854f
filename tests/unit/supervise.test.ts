import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// npm start's supervision (scripts/lib/supervise.ts), run in a process of its
// own with a stand-in server and a stand-in database that, like a real one,
// keeps the process alive until it is closed.
const root = path.resolve(import.meta.dirname, "../..");

function superviseStandIn(then: string) {
  const script = `
    const { spawn } = await import("node:child_process");
    const { supervise } = await import(${JSON.stringify(path.join(root, "scripts/lib/supervise.ts"))});
    const connection = setInterval(() => {}, 1000);
    const supervisor = supervise({ close: async () => { clearInterval(connection); console.log("database stopped"); } });
    const server = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    const worker = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    supervisor.watch(server);
    supervisor.watch(worker, "job worker");
    server.once("exit", (code, signal) => console.log("server ended", signal));
    Promise.all([server, worker].map((child) => new Promise((resolve) => child.once("spawn", resolve)))).then(() => { ${then} });`;
  // The timeout only ends a supervisor that hangs, so that the test fails instead of waiting forever.
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8", timeout: 60_000 });
}

describe("npm start's supervision of its server", () => {
  it("stops the database and exits non-zero with a message when the server is killed by a signal", () => {
    const run = superviseStandIn(`server.kill("SIGKILL");`);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("database stopped");
    expect(run.stderr).toMatch(/server.*ended.*SIGKILL/);
  }, 90_000);

  it("stops the server and the database and exits non-zero with a message when the job worker is killed", () => {
    const run = superviseStandIn(`worker.kill("SIGKILL");`);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("server ended SIGTERM");
    expect(run.stdout).toContain("database stopped");
    expect(run.stderr).toMatch(/job worker ended.*SIGKILL/);
  }, 90_000);

  it("stops the server and the database and exits 0 when asked to stop", () => {
    const run = superviseStandIn(`void supervisor.stop(0);`);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("database stopped");
    expect(run.stderr).toBe("");
  }, 90_000);
});
