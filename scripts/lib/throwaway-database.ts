// A database server for tools that need one only for a moment (writing a
// migration, a test run): the server DATABASE_URL points to when it is set,
// else an embedded PostgreSQL in a temporary folder, removed afterwards.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../../server/db/embedded";
import { findFreePort } from "./ports";

export interface ThrowawayServer {
  /** URL of a maintenance database on the server, for CREATE DATABASE and the like. */
  adminUrl: string;
  /** URL of the named database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export async function startThrowawayServer(): Promise<ThrowawayServer> {
  const given = process.env.DATABASE_URL;
  if (given) {
    const urlFor = (database: string) => {
      const url = new URL(given);
      url.pathname = `/${database}`;
      return url.toString();
    };
    return { adminUrl: given, urlFor, stop: async () => {} };
  }
  const folder = mkdtempSync(path.join(os.tmpdir(), "tracker-pg-"));
  chmodSync(folder, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: path.join(folder, "pg"), port: await findFreePort() });
  return {
    adminUrl: server.url("postgres"),
    urlFor: server.url,
    async stop() {
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
