import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import { expect, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { startOwnServer } from "./own-server";
import { demoAccounts, storageStateOf, type DemoRole } from "./users";

// The server's logs and metrics as `npm start` runs it: scripts/serve.mjs
// with two server processes, whose output this file reads. It starts its own
// server on the suite's build and database, with a metrics token of its own.

const metricsToken = `operations-${randomBytes(12).toString("hex")}`;
let server: ChildProcess | undefined;
let baseURL = "";
let output = "";

test.beforeAll(async () => {
  // The failed sign-ins below write their own address, as the suite's do (TRUSTED_PROXY_COUNT).
  ({ baseURL, server } = await startOwnServer({ WEB_CONCURRENCY: "2", METRICS_TOKEN: metricsToken, TRUSTED_PROXY_COUNT: "1" }, "pipe"));
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
  // (A page, not the API: there a bearer token stands for the person, and a forged one is refused.)
  const admin = await contextOf(playwright, "admin");
  const milestones = ((await (await admin.get("/api/v1/milestones")).json()) as { data: { id: string }[] }).data;
  const page = await admin.get(`/milestones/${milestones[0]!.id}?token=query-token-secret`, { headers: { Authorization: "Bearer header-token-secret" } });
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

/** A GET on one kept-alive connection: the server hands each connection to one server process. */
function getOn(agent: http.Agent, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(`${baseURL}${path}`, { agent }, (response) => {
        response.resume();
        response.once("end", () => resolve(String(response.headers["x-request-id"])));
      })
      .once("error", reject);
  });
}

test("the metrics are refused without the token and, with it, count the requests of every server process by route and status", async ({ playwright }) => {
  for (const [who, headers] of [
    ["anonymous", {}],
    ["anonymous", { Authorization: "Bearer not-the-token" }],
    ["admin", {}],
  ] as const) {
    const context = await contextOf(playwright, who, headers);
    expect((await context.get("/api/metrics")).status(), `${who} ${JSON.stringify(headers)}`).toBe(401);
    await context.dispose();
  }

  const anonymous = await contextOf(playwright, "anonymous", { "X-Forwarded-For": anotherAddress() });
  expect((await failedSignIn(anonymous, `metrics-check-${unique()}@e2e.local`, "not the password")).status()).toBe(401);
  await anonymous.dispose();

  // Two connections open at once go to the two server processes.
  const agents = [new http.Agent({ keepAlive: true, maxSockets: 1 }), new http.Agent({ keepAlive: true, maxSockets: 1 })];
  const ids: string[] = [];
  for (let round = 0; round < 3; round += 1) for (const agent of agents) ids.push(await getOn(agent, "/api/v1/openapi.json"));
  for (const agent of agents) agent.destroy();
  await expect.poll(() => ids.filter((id) => requestLine(id)).length).toBe(ids.length);
  expect(new Set(ids.map((id) => requestLine(id)!.pid)).size).toBe(2);
  const served = logLines().filter((line) => line.msg === "request" && line.route === "/api/v1/openapi.json" && line.status === 200).length;

  const scraper = await contextOf(playwright, "anonymous", { Authorization: `Bearer ${metricsToken}` });
  const answer = await scraper.get("/api/metrics");
  expect(answer.status()).toBe(200);
  expect(answer.headers()["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await answer.text();
  const value = (series: string) => Number(new RegExp(`^${series.replace(/[[\]{}()./*+?^$|\\]/g, "\\$&")} (\\S+)$`, "m").exec(text)?.[1]);
  expect(value('http_requests_total{method="GET",route="/api/v1/openapi.json",status="200"}')).toBe(served);
  expect(value('http_request_duration_seconds_count{method="GET",route="/api/v1/openapi.json",status="200"}')).toBe(served);
  expect(value('sign_in_failures_total{method="password",reason="unknownAccount"}')).toBeGreaterThanOrEqual(1);
  expect(value('db_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(0);
  expect(value("db_pool_waiting")).toBeGreaterThanOrEqual(0);
  expect(value("process_cpu_user_seconds_total")).toBeGreaterThan(0);
  await scraper.dispose();
});

test("the health check's detail is given to an admin and to the metrics token, and to no one else", async ({ playwright }) => {
  const build = readFileSync(".next/BUILD_ID", "utf8").trim();
  const detailFor = async (who: DemoRole | "anonymous", headers: Record<string, string> = {}) => {
    const context = await contextOf(playwright, who, headers);
    const answer = await context.get("/api/health?detail=1");
    expect(answer.status()).toBe(200);
    const body = (await answer.json()) as { detail?: unknown };
    await context.dispose();
    return body;
  };
  expect(await detailFor("anonymous")).toEqual({ status: "ok", database: "reachable" });
  expect(await detailFor("anonymous", { Authorization: "Bearer not-the-token" })).toEqual({ status: "ok", database: "reachable" });
  expect(await detailFor("staff")).toEqual({ status: "ok", database: "reachable" });
  const detail = { build, migrationsPending: [], databaseLatencyMs: expect.any(Number), jobQueue: { ready: expect.any(Number), oldestReadySeconds: expect.any(Number) } };
  expect(await detailFor("admin")).toEqual({ status: "ok", database: "reachable", detail });
  expect(await detailFor("anonymous", { Authorization: `Bearer ${metricsToken}` })).toEqual({ status: "ok", database: "reachable", detail });
});
