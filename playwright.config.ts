import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { suiteServerEnvironment } from "./e2e/suite-server";

// The browser tests run against the production build (scripts/serve.mjs) on a
// database that scripts/e2e.ts prepares: run them with `npm run test:e2e`.
const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl) throw new Error("The browser tests need their database: run them with `npm run test:e2e` (or `npm test`).");

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const debianChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: [["list"]],
  // Several tests walk a whole workflow across pages and people and run
  // axe-core on each page (2–4 s a page here); with two workers and the server
  // sharing a 2-core machine, such a test takes 30–50 s, so 60 s left no margin.
  timeout: 120_000,
  // A sign-in hashes a password with Argon2 under a lock per account and
  // address, and a fresh server loads each route on its first request: on a
  // loaded 2-core machine either can pass Playwright's default 5 s wait.
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? (existsSync(debianChromium) ? debianChromium : undefined),
      // The closed network floods the log with refused connections otherwise.
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "sign-in", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, dependencies: ["sign-in"] },
    // README's screenshots, taken only by `npm run screenshots` (it writes docs/screenshots/).
    ...(process.env.SCREENSHOTS ? [{ name: "screenshots", testMatch: /screenshots\.capture\.ts/, dependencies: ["sign-in"] }] : []),
  ],
  webServer: {
    command: `node scripts/serve.mjs --port ${port}`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: suiteServerEnvironment(databaseUrl, baseURL),
  },
});
