// The production server refuses to run as a superuser, which could erase the
// audit trail: each server process checks its database login as it starts
// (instrumentation.ts; every request waits for that check) and stops, saying
// why and what to set. Started here as
// `npm start` starts it (scripts/serve.mjs) on the browser tests' database, as
// the superuser that owns its tables.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { findFreePort } from "../scripts/lib/ports";

const root = path.resolve(import.meta.dirname, "..");
let server: ChildProcess | undefined;

// A server that did not stop by itself (the test failed) is stopped here: a
// test's own code stops running when the test times out, its hooks do not.
test.afterAll(() => {
  if (server && server.exitCode === null) server.kill("SIGTERM");
});

test("a production server asked to connect as the superuser that owns the tables stops as it starts, saying why and what to set", async () => {
  const ownerUrl = process.env.E2E_MIGRATION_DATABASE_URL;
  expect(ownerUrl, "run the browser tests with npm run test:e2e").toBeTruthy();
  const port = await findFreePort();
  server = spawn(process.execPath, [path.join(root, "scripts", "serve.mjs"), "--port", String(port)], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: ownerUrl,
      NEXTAUTH_SECRET: "e2e-only-secret",
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
      WEB_CONCURRENCY: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout!.on("data", (chunk) => (output += chunk));
  server.stderr!.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => server!.once("exit", resolve));
  expect(code, output).toBe(1);
  // The server logs JSON lines: what it says is each line's message.
  const said = output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => (JSON.parse(line) as { msg?: string }).msg ?? "")
    .join("\n");
  expect(said).toMatch(/The tracker did not start\. The tracker connects to the database as "[^"]+", a superuser/);
  expect(said).toContain("Set DATABASE_URL to a role that owns nothing");
  expect(said).toContain("MIGRATION_DATABASE_URL");
});
