// Freezes a PostgreSQL server as a hung machine or a stalled disk would leave
// it: its postmaster and every process it started stopped with SIGSTOP. The
// kernel still accepts connections, so nothing is refused: every query, new
// connection and cancel request simply goes unanswered until the thaw.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

/** The processes a postmaster started (pgrep exits 1 when there are none). */
async function childrenOf(pid: number): Promise<number[]> {
  const { stdout } = await promisify(execFile)("pgrep", ["-P", String(pid)]).catch(() => ({ stdout: "" }));
  return stdout.split("\n").filter(Boolean).map(Number);
}

/**
 * Freezes the server whose cluster lives in `clusterDir` and returns the thaw,
 * which may be called any number of times. The postmaster is stopped first,
 * so that it starts no process after its children are listed.
 */
export async function freezePostgres(clusterDir: string): Promise<() => void> {
  const postmaster = Number((await readFile(path.join(clusterDir, "postmaster.pid"), "utf8")).split("\n")[0]);
  process.kill(postmaster, "SIGSTOP");
  const frozen = [postmaster, ...(await childrenOf(postmaster))];
  for (const pid of frozen.slice(1)) process.kill(pid, "SIGSTOP");
  return () => {
    for (const pid of frozen) {
      try {
        process.kill(pid, "SIGCONT");
      } catch {
        // The process has ended: nothing to thaw.
      }
    }
  };
}
