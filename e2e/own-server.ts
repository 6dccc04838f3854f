import { spawn, type ChildProcess } from "node:child_process";
import { findFreePort } from "../scripts/lib/ports";

/**
 * A server of a test file's own, as `npm start` serves the tracker
 * (scripts/serve.mjs), on the suite's build and database: for settings the
 * suite's server does not have. Ready once its health check answers; `stdout:
 * "pipe"` lets the test read what the server writes.
 */
export async function startOwnServer(env: Record<string, string | undefined>, stdout: "ignore" | "pipe" = "ignore"): Promise<{ baseURL: string; server: ChildProcess }> {
  const port = await findFreePort();
  const baseURL = `http://localhost:${port}`;
  const server = spawn(process.execPath, ["scripts/serve.mjs", "--port", String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      NEXTAUTH_SECRET: process.env.E2E_NEXTAUTH_SECRET,
      NEXTAUTH_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
    stdio: ["ignore", stdout, "inherit"],
  });
  // A bounded wait, like Playwright's own webServer.
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if (await fetch(`${baseURL}/api/health`).then((response) => response.ok, () => false)) return { baseURL, server };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  server.kill("SIGTERM");
  throw new Error("the tracker did not start");
}
