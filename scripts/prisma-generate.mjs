// Runs `prisma generate` on machines that cannot download Prisma's native
// schema engine: generate only checks that PRISMA_SCHEMA_ENGINE_BINARY names
// an existing file, and migrations go through the WebAssembly engine instead
// (scripts/lib/migrations.ts), so any file will do.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);

const result = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
