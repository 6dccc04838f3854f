// How `npm start` stops: on Ctrl-C (or SIGTERM) it stops the server and the
// job worker, then the database, then itself, with 0. When either ends
// without being asked (killed, or the server's processes kept dying), npm
// start stops the other and the database and exits non-zero with a message,
// so that a supervisor (systemd, a container runtime) sees it end and can
// start it again, rather than a database left running with nothing
// listening, or a server whose jobs nobody runs.
import type { ChildProcess } from "node:child_process";

export interface Supervisor {
  /** Stops the processes it follows (those running) and the database, and ends this process with `code`. */
  stop(code: number): Promise<void>;
  /** Follows a process (`what` names it in the message): when it ends, everything stops. */
  watch(child: ChildProcess, what?: string): void;
}

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

export function supervise(database: { close(): Promise<void> }): Supervisor {
  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(
      children.filter(isRunning).map((child) => {
        const ended = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        return ended;
      }),
    );
    await database.close();
    process.exit(code);
  };
  return {
    stop,
    watch(child, what = "server") {
      children.push(child);
      child.once("exit", (code, signal) => {
        if (stopping) return;
        console.error(`\n✖ The tracker's ${what} ended (${signal ?? `exit code ${code}`}) and could not be kept running; stopping the database.`);
        void stop(code || 1);
      });
    },
  };
}
