import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { startOwnServer } from "./own-server";
import { demoAccounts, storageStateOf, type DemoRole } from "./users";

// The server's logs as `npm start` runs it: scripts/serve.mjs with two
// server processes, whose output this file reads. It starts its own server on
// the suite's build and database.

let server: ChildProcess | undefined;
let baseURL = "";
let output = "";

test.beforeAll(async () => {
  // The failed sign-ins below write their own address, as the suite's do (TRUSTED_PROXY_COUNT).
  ({ baseURL, server } = await startOwnServer({ WEB_CONCURRENCY: "2", TRUSTED_PROXY_COUNT: "1" }, "pipe"));
  server.stdout!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
});

test.afterAll(() => {
  server?.kill("SIGTERM");
});

interface LogLine {
  level: number;
  pid: number;
  msg: string;
  requestId?: string;
  route?: string;
  status?: number | null;
}

/** The complete lines the server has written so far. */
const outputLines = () => output.split("\n").slice(0, -1);
const logLines = () => outputLines().map((line) => JSON.parse(line) as LogLine);
const requestLine = (requestId: string) => logLines().find((line) => line.msg === "request" && line.requestId === requestId);

async function contextOf(playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } }, who: DemoRole | "anonymous", headers: Record<string, string> = {}) {
  const storageState = who === "anonymous" ? { cookies: [], origins: [] } : storageStateOf(who);
  return playwright.request.newContext({ baseURL, storageState, extraHTTPHeaders: headers });
}

async function userIdOf(email: string): Promise<string> {
  const database = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await database.connect();
  try {
    return (await database.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email])).rows[0]!.id;
  } finally {
    await database.end();
  }
}

/** A sign-in of an email no account has, from an address of its own so that no other test's limit is reached. */
async function failedSignIn(request: APIRequestContext, email: string, password: string) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return request.post("/api/auth/callback/credentials", {
    form: { email, password, code: "", csrfToken, callbackUrl: "/", json: "true" },
    headers: { "X-Auth-Return-Redirect": "1" },
  });
}

const unique = () => randomBytes(4).toString("hex");
const anotherAddress = () => `198.51.100.${1 + randomBytes(1)[0]! % 250}`;

test("every request is logged as one JSON line with the audit trail's request id, its route, status, duration and user, and never a cookie, token or password", async ({ playwright, browser }) => {
  const [adminId, reviewerId, staffId] = await Promise.all([userIdOf(demoAccounts.admin.email), userIdOf(demoAccounts.reviewer.email), userIdOf(demoAccounts.staff.email)]);

  // A page, with a token in its query and an Authorization header neither of which belongs in a log.
  const admin = await contextOf(playwright, "admin", { Authorization: "Bearer header-token-secret" });
  const milestones = ((await (await admin.get("/api/v1/milestones")).json()) as { data: { id: string }[] }).data;
  const page = await admin.get(`/milestones/${milestones[0]!.id}?token=query-token-secret`);
  expect(page.status()).toBe(200);
  await expect.poll(() => requestLine(page.headers()["x-request-id"]!)).toMatchObject({
    method: "GET",
    route: "/milestones/[id]",
    path: `/milestones/${milestones[0]!.id}`,
    status: 200,
    durationMs: expect.any(Number),
    userId: adminId,
  });

  // A route handler of the API.
  const reviewer = await contextOf(playwright, "reviewer");
  const rounds = await reviewer.get("/api/v1/rounds");
  await expect.poll(() => requestLine(rounds.headers()["x-request-id"]!)).toMatchObject({ method: "GET", route: "/api/v1/rounds", status: 200, userId: reviewerId });

  // A server action: a form posted without JavaScript, refused for its missing note, so that nothing is written.
  const staff = await browser.newContext({ baseURL, storageState: storageStateOf("staff"), javaScriptEnabled: false });
  const form = await staff.newPage();
  const mine = ((await (await form.request.get("/api/v1/milestones?mine=true&status=not_started")).json()) as { data: { id: string }[] }).data;
  await form.goto(`/milestones/${mine.at(-1)!.id}`);
  await form.getByLabel("New status").selectOption("completed");
  const posted = form.waitForResponse((response) => response.request().method() === "POST");
  await form.getByRole("button", { name: "Record the update" }).click();
  const actionId = (await (await posted).allHeaders())["x-request-id"]!;
  await expect(form.getByText("This field is required.").first()).toBeVisible();
  await expect.poll(() => requestLine(actionId)).toMatchObject({
    method: "POST",
    route: "/milestones/[id]",
    status: 200,
    userId: staffId,
  });

  // A failed sign-in: the audit trail records the request id the log line carries.
  const email = `log-check-${unique()}@e2e.local`;
  const password = `wrong-password-${unique()}`;
  const anonymous = await contextOf(playwright, "anonymous", { "X-Forwarded-For": anotherAddress() });
  const signIn = await failedSignIn(anonymous, email, password);
  expect(signIn.status()).toBe(401);
  const signInId = signIn.headers()["x-request-id"]!;
  await expect.poll(() => requestLine(signInId)).toMatchObject({ method: "POST", route: "/api/auth/[...nextauth]", path: "/api/auth/callback/credentials", status: 401 });
  expect(requestLine(signInId)).not.toHaveProperty("userId");
  const database = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await database.connect();
  try {
    const { rows } = await database.query<{ requestId: string }>(`SELECT "requestId" FROM "AuditEvent" WHERE action = 'user.signIn.fail' AND "entityId" = $1`, [email]);
    expect(rows).toEqual([{ requestId: signInId }]);
  } finally {
    await database.end();
  }

  const cookies = [...(await admin.storageState()).cookies, ...(await staff.storageState()).cookies, ...(await anonymous.storageState()).cookies];
  const secrets = ["header-token-secret", "query-token-secret", password, ...cookies.map((cookie) => cookie.value).filter((value) => value.length >= 16)];
  expect(secrets.filter((secret) => output.includes(secret))).toEqual([]);
  const notJson = outputLines().filter((line) => {
    try {
      return typeof JSON.parse(line) !== "object";
    } catch {
      return true;
    }
  });
  expect(notJson).toEqual([]);
  await Promise.all([admin.dispose(), reviewer.dispose(), anonymous.dispose(), staff.close()]);
});
