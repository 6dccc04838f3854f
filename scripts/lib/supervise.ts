// How `npm start` stops: on Ctrl-C (or SIGTERM) it stops the server, then the
// database, then itself, with 0. When the server ends without being asked
// (killed, or its processes kept dying), npm start stops the database and
// exits non-zero with a message, so that a supervisor (systemd, a container
// runtime) sees it end and can start it again, rather than a database left
// running with nothing listening.
import type { ChildProcess } from "node:child_process";

export interface Supervisor {
  /** Stops the server (when it runs) and the database, and ends this process with `code`. */
  stop(code: number): Promise<void>;
  /** Follows the server process: when it ends, everything stops. */
  watch(server: ChildProcess): void;
}

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

export function supervise(database: { close(): Promise<void> }): Supervisor {
  let server: ChildProcess | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (server && isRunning(server)) {
      const ended = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await ended;
    }
    await database.close();
    process.exit(code);
  };
  return {
    stop,
    watch(child) {
      server = child;
      child.once("exit", (code, signal) => {
        if (stopping) return;
        console.error(`\n✖ The tracker's server ended (${signal ?? `exit code ${code}`}) and could not be kept running; stopping the database.`);
        void stop(code || 1);
      });
    },
  };
}
