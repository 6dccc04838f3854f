// npm run test:e2e — the browser tests: a fresh database with the demo data on
// a throwaway PostgreSQL server, then Playwright against the production build,
// which connects as the application role, as in production.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { chromium } from "@playwright/test";
import { hashPassword } from "../server/auth/password";
import { encryptSecret } from "../server/auth/second-factor";
import { db, disconnectDb } from "../server/db/client";
import { applyMigrations, projectRoot } from "./lib/migrations";
import { seedDemoData } from "./lib/seed/demo";
import { demoAccounts, demoRolesWithSecondFactor, e2eTotpSecret, e2eUsers } from "../e2e/users";
import { startThrowawayServer } from "./lib/throwaway-database";

function browserAvailable(): boolean {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH);
  if (existsSync("/usr/bin/chromium")) return true;
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

if (!browserAvailable()) {
  console.error("No Chromium for the browser tests: install one with `apt-get install chromium` (Debian) or `npx playwright install chromium`.");
  process.exit(1);
}
if (!existsSync(path.join(projectRoot, ".next", "BUILD_ID"))) {
  console.error("The browser tests run against the production build: run `npm run build` first (npm test does).");
  process.exit(1);
}

// Signs the server's session tokens and, through it, encrypts the TOTP secrets set up below.
const authSecret = randomBytes(32).toString("base64url");
process.env.NEXTAUTH_SECRET = authSecret;

const server = await startThrowawayServer();
const database = `tracker_e2e_${randomBytes(4).toString("hex")}`;
const admin = new pg.Client({ connectionString: server.adminUrl });
let exitCode = 1;
try {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  const ownerUrl = server.urlFor(database);
  const url = server.appUrlFor(database);
  await applyMigrations(ownerUrl, server.applicationRole);
  process.env.DATABASE_URL = url;
  await seedDemoData();
  // Accounts of the tests' own, so that a test changing its user's settings
  // never disturbs another test signed in as a demo user.
  for (const user of e2eUsers) {
    await db().user.create({
      data: { email: user.email, name: user.name, roles: [...user.roles], passwordHash: await hashPassword(user.password), ...("locale" in user ? { locale: user.locale } : {}) },
    });
  }
  // The second factor is required of admins and managers here as in
  // production (TOTP_REQUIRED_ROLES below), so those who sign in as one have it set up.
  const withSecondFactor = [
    ...demoRolesWithSecondFactor.map((role) => demoAccounts[role].email),
    ...e2eUsers.filter((user) => "secondFactor" in user && user.secondFactor).map((user) => user.email),
  ];
  for (const email of withSecondFactor) {
    const { id } = await db().user.findUniqueOrThrow({ where: { email } });
    await db().secondFactor.create({ data: { userId: id, secret: encryptSecret(e2eTotpSecret), confirmedAt: new Date() } });
  }
  await disconnectDb();

  const playwright = spawn(process.execPath, [path.join(projectRoot, "node_modules", "@playwright", "test", "cli.js"), "test", ...process.argv.slice(2)], {
    cwd: projectRoot,
    stdio: "inherit",
    env: {
      ...process.env,
      E2E_DATABASE_URL: url,
      // No replica streams from the run's own database; the app server inherits this.
      DATABASE_REPLICA_URL: "",
      E2E_MIGRATION_DATABASE_URL: ownerUrl,
      E2E_NEXTAUTH_SECRET: authSecret,
      TOTP_REQUIRED_ROLES: "admin,manager",
      // The tests reuse the sessions signed in once at the start (e2e/auth.setup.ts);
      // a whole run on a loaded machine may outlast the 30-minute idle limit.
      // e2e/sessions.spec.ts moves a token's times past the limits instead of waiting.
      SESSION_IDLE_MINUTES: process.env.SESSION_IDLE_MINUTES ?? "240",
    },
  });
  const forward = (signal: NodeJS.Signals) => playwright.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  exitCode = await new Promise<number>((resolve) => playwright.once("exit", (code) => resolve(code ?? 1)));
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`).catch(() => undefined);
  await admin.end().catch(() => undefined);
  await server.stop();
}
process.exit(exitCode);
