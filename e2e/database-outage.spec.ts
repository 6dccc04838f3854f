// The production server while its database goes away, or freezes, and comes
// back: a server of this test's own (next start) on a PostgreSQL of its own,
// which the test stops, freezes and starts; the database the other browser
// tests share is never touched.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import type enMessages from "../messages/en.json";
import { findFreePort } from "../scripts/lib/ports";
import { embeddedClusterDir, startEmbeddedPostgres, type EmbeddedDatabase } from "../scripts/lib/embedded";
import { freezePostgres } from "../tests/freeze-database";
import { expectNoSeriousAccessibilityFindings, signIn } from "./helpers";
import { demoAccounts, demoPassword } from "./users";

const root = path.resolve(import.meta.dirname, "..");
// Read, not imported: Playwright's loader takes no JSON module without an import attribute.
const en = JSON.parse(readFileSync(path.join(root, "messages", "en.json"), "utf8")) as typeof enMessages;

let folder: string;
let databasePort: number;
let database: EmbeddedDatabase;
let app: ChildProcess;
let baseURL: string;
let thaw: (() => void) | undefined;

const startDatabase = async () => {
  database = await startEmbeddedPostgres({ dataDir: path.join(folder, "pg"), port: databasePort });
};

function run(command: string, args: string[], env: Record<string, string>, log: string): ChildProcess {
  const child = spawn(process.execPath, [command, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const file = createWriteStream(log, { flags: "a" });
  child.stdout?.pipe(file);
  child.stderr?.pipe(file);
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once("exit", resolve));
}

/** Asks `/api/health` until it answers `status`; the test's own limit bounds the wait. */
async function healthBecomes(request: APIRequestContext, status: number): Promise<void> {
  for (;;) {
    const answer = await request.get(`${baseURL}/api/health`).catch(() => null);
    if (answer?.status() === status) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Signs in as staff, then, while the outage lasts, expects 503 JSON from the
 * API and from the health check and the error page for a page, without any
 * internals; once it ends, the same server and session serve both again.
 */
async function expectOutageAndRecovery(browser: Browser, outage: { begin(): Promise<void>; end(): Promise<void> }) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, demoAccounts.staff.email, demoPassword);
  await expect(page).toHaveURL(`${baseURL}/`);
  expect((await page.request.get("/api/v1/milestones?mine=true")).status()).toBe(200);

  await outage.begin();
  try {
    const refused = await page.request.get("/api/v1/milestones?mine=true");
    expect(refused.status()).toBe(503);
    expect(refused.headers()["content-type"]).toContain("application/json");
    expect(await refused.json()).toEqual({ error: "unavailable", message: en.errors.unavailable });
    expect((await page.request.get("/api/health")).status()).toBe(503);

    await page.goto("/my-milestones");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.errors.page.title);
    await expect(page.getByText(en.errors.page.failed)).toBeVisible();
    await expect(page.locator("body")).not.toContainText(/ECONNREFUSED|Query read timeout|PrismaClient|at .+\(.+:\d+:\d+\)/);
    await expectNoSeriousAccessibilityFindings(page);
  } finally {
    await outage.end();
  }
  await healthBecomes(page.request, 200);

  const answered = await page.request.get("/api/v1/milestones?mine=true");
  expect(answered.status()).toBe(200);
  expect(((await answered.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
  await page.getByRole("button", { name: en.errors.page.retry }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.myMilestones.title);
  await context.close();
}

test.describe("the database going away under the production server", () => {
  test.describe.configure({ timeout: 300_000 });

  test.beforeAll(async ({ playwright }, testInfo) => {
    folder = await mkdtemp(path.join(os.tmpdir(), "tracker-outage-e2e-"));
    databasePort = await findFreePort();
    await startDatabase();
    await database.ensureDatabase("tracker");
    const env = { DATABASE_URL: database.appUrl("tracker"), NEXT_TELEMETRY_DISABLED: "1" };
    const log = testInfo.outputPath("server.log");

    const seed = run(path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), ["--conditions=react-server", "scripts/db-seed.ts"], { ...env, MIGRATION_DATABASE_URL: database.url("tracker") }, log);
    expect(await exited(seed), `npm run db:seed failed; see ${log}`).toBe(0);

    const port = await findFreePort();
    baseURL = `http://localhost:${port}`;
    app = run(path.join(root, "node_modules", "next", "dist", "bin", "next"), ["start", "--port", String(port)], {
      ...env,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: baseURL,
      // Shorter than the defaults so that the frozen database's test takes seconds.
      DATABASE_STATEMENT_TIMEOUT_MS: "3000",
      DATABASE_POOL_TIMEOUT_MS: "2000",
    }, log);
    const request = await playwright.request.newContext();
    await healthBecomes(request, 200);
    await request.dispose();
  });

  test.afterAll(async () => {
    // Stopping a frozen server would wait for ever.
    thaw?.();
    if (app && app.exitCode === null) {
      app.kill("SIGTERM");
      await exited(app);
    }
    await database?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  test("answers 503 JSON from the API and the error page for a page while PostgreSQL is stopped, and serves both again once it is started, without a restart", async ({ browser }) => {
    await expectOutageAndRecovery(browser, { begin: () => database.stop(), end: startDatabase });
  });

  test("signing out while PostgreSQL is stopped still signs this browser out", async ({ browser }) => {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await signIn(page, demoAccounts.reviewer.email, demoPassword);
    await expect(page).toHaveURL(`${baseURL}/`);
    await database.stop();
    try {
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/signin/);
    } finally {
      await startDatabase();
    }
    await healthBecomes(page.request, 200);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
    await context.close();
  });

  test("answers 503 JSON from the API and the error page for a page while PostgreSQL is frozen, and serves both again once it thaws, without a restart", async ({ browser }) => {
    await expectOutageAndRecovery(browser, {
      begin: async () => {
        thaw = await freezePostgres(embeddedClusterDir(path.join(folder, "pg")));
      },
      end: async () => thaw?.(),
    });
  });
});
