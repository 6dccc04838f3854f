import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { root, sourceFiles } from "./app-sources";

// server/ is what runs behind a request or in the job worker (scripts/worker.ts
// runs the jobs the app queues). Code only scripts and tests use (the
// embedded database, the migrations, the demo seed) belongs in scripts/lib/,
// so that the folder README calls the data-access layer holds nothing else.

/** Written by `prisma generate`, imported through server/db/client.ts. */
const generated = "server/db/generated/";

const specifiers = /\bfrom\s*["']([^"']+)["']|\bimport\s*\(?\s*["']([^"']+)["']/g;

/** The repository path of the module `specifier` names from `file`, or null for a package. */
function resolve(file: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = path.posix.join(path.posix.dirname(file), specifier);
  else return null;
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`];
  return candidates.find((candidate) => existsSync(path.join(root, candidate)) && statSync(path.join(root, candidate)).isFile()) ?? null;
}

function reachableFrom(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.tsx?$/.test(file) || file.startsWith(generated)) continue;
    for (const match of readFileSync(path.join(root, file), "utf8").matchAll(specifiers)) {
      const target = resolve(file, (match[1] ?? match[2])!);
      if (target && !seen.has(target)) queue.push(target);
    }
  }
  return seen;
}

describe("server/", () => {
  it("holds only modules that a route, instrumentation.ts, proxy.ts or the job worker imports, directly or through others", () => {
    const reachable = reachableFrom([...sourceFiles("app"), "instrumentation.ts", "proxy.ts", "scripts/worker.ts"]);
    const unreachable = sourceFiles("server").filter((file) => !file.startsWith(generated) && !reachable.has(file));
    expect(unreachable, "move modules that only scripts and tests import to scripts/lib/").toEqual([]);
  });
});
