import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");

describe("the runtime", () => {
  it("is the Node that package.json pins (the `node` package), not whatever Node the machine has, when run through an npm script", async () => {
    const manifest = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    const pinnedMajor = /^\^?(\d+)\./.exec(manifest.devDependencies.node ?? "")?.[1];
    expect(pinnedMajor).toBe("24");
    expect(process.versions.node.split(".")[0]).toBe(pinnedMajor);
  });
});
