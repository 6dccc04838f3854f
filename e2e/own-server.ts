import { spawn, type ChildProcess } from "node:child_process";
import { findFreePort } from "../scripts/lib/ports";

export interface OwnServer {
  baseURL: string;
  server: ChildProcess;
  /** Stops the server and its server processes, and resolves once they have ended. */
  stop: () => Promise<void>;
}

/** Signals every process of the server's process group; one that has already ended is left be. */
function signalGroup(server: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-server.pid!, signal);
  } catch {
    // ESRCH: the group has no process left.
  }
}

/**
 * A server of a test file's own, as `npm start` serves the tracker
 * (scripts/serve.mjs), on the suite's build and database: for settings the
 * suite's server does not have, or a second instance of the suite's own
 * deployment. Ready once its health check answers; `stdout: "pipe"` lets the
 * test read what the server writes.
 *
 * It runs in a process group of its own, which `stop()` ends whole (the
 * primary and the server processes it forked). Should the test's process end
 * without stopping it (a worker torn down before its afterAll), the whole
 * group is told to stop as that process exits, so that no server outlives the run.
 */
export async function startOwnServer(env: Record<string, string | undefined>, stdout: "ignore" | "pipe" = "ignore"): Promise<OwnServer> {
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
    detached: true,
  });
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  // SIGTERM: its primary still reaps the server processes as they end, which a SIGKILL would leave to init.
  const stopOnExit = () => signalGroup(server, "SIGTERM");
  process.once("exit", stopOnExit);
  const stop = async () => {
    process.off("exit", stopOnExit);
    signalGroup(server, "SIGTERM");
    // serve.mjs lets requests under way finish for up to 10 s before it closes.
    const deadline = setTimeout(() => signalGroup(server, "SIGKILL"), 15_000);
    await exited;
    clearTimeout(deadline);
    // A server process the primary left behind.
    signalGroup(server, "SIGKILL");
  };

  // A bounded wait, like Playwright's own webServer; a server that ends while starting is not waited for.
  for (let attempt = 0; attempt < 120 && server.exitCode === null && server.signalCode === null; attempt += 1) {
    if (await fetch(`${baseURL}/api/health`).then((response) => response.ok, () => false)) return { baseURL, server, stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error("the tracker did not start");
}
