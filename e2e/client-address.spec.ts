import type { ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { startOwnServer } from "./own-server";

// The address a sign-in attempt is counted against and audited with, as
// `npm start` serves the tracker with no proxy in front (TRUSTED_PROXY_COUNT
// left unset). The suite's own server trusts one proxy, so this file starts a
// server of its own on the same build and database.

let server: ChildProcess | undefined;
let baseURL = "";

test.beforeAll(async () => {
  ({ baseURL, server } = await startOwnServer({ WEB_CONCURRENCY: "1", TRUSTED_PROXY_COUNT: undefined }));
});

test.afterAll(() => {
  server?.kill("SIGTERM");
});

test("with no proxy in front, a failed sign-in is counted against the connection's address, not the X-Forwarded-For the client wrote", async ({ playwright }) => {
  const forged = "198.51.100.23";
  const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": forged } });
  // An email no account has: its failure is audited with the address all the same.
  const email = "address-check@e2e.local";
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const answer = await request.post("/api/auth/callback/credentials", {
    form: { email, password: "not the password at all", code: "", csrfToken, callbackUrl: "/", json: "true" },
    headers: { "X-Auth-Return-Redirect": "1" },
  });
  expect(answer.status()).toBe(401);
  await request.dispose();

  const database = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await database.connect();
  try {
    const { rows } = await database.query<{ after: { address: string | null } }>(
      `SELECT "after" FROM "AuditEvent" WHERE action = 'user.signIn.fail' AND "entityId" = $1 ORDER BY at DESC LIMIT 1`,
      [email],
    );
    expect(rows[0]?.after.address).toMatch(/^(127\.0\.0\.1|::1)$/);
  } finally {
    await database.end();
  }
});
