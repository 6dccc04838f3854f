import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

// With the embedded database, opening it first would create .data/ and an
// empty cluster of some 47 MB before a mistyped name was noticed.
it("npm run db:restore checks the file before it opens any database", () => {
  const run = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/db-restore.ts", "no-such.backup.gz"], {
    cwd: root,
    encoding: "utf8",
    // A database nothing listens at: were it opened first, the answer would be that it cannot be reached.
    env: { ...process.env, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none", MIGRATION_DATABASE_URL: "" },
    timeout: 60_000,
  });
  expect(run.stderr.trim()).toBe(`There is no file ${path.join(root, "no-such.backup.gz")}.`);
  expect(run.status).toBe(1);
}, 90_000);
