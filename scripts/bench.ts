// npm run bench [-- --small] [-- --scale N] [-- --json FILE] [-- --only ID,ID]
// Builds a synthetic plan in a database of its own (at scale 1: 5 pillars,
// 2,000 commitments, 20,000 milestones, 200,000 status updates, 50,000
// evidence records, 20 rounds; --scale N multiplies all but the pillars and
// rounds; --small: a hundredth of it, to prove the benchmark works), serves
// the production build on it and measures, with 20 concurrent connections:
// the dashboard (/overview; / is the signed-in person's worklist, measured
// too), the dashboard "as of" a past day, the dashboard while a
// writer posts a status update through the API every 250 ms (the writes'
// own times are the status-update target), the dashboard as of a new day at
// each request (so that no figures kept from an earlier request can answer),
// a public pillar page without a session (with 50 connections, beside the
// dashboard's requests a second: issue 19 asks five times as many),
// GET /api/v1/pillars, an evidence search, and the CSV export of the whole
// status history (the memory it takes must not grow with the rows); the
// day's reminders (the first run, then a new day each run, alone and while the
// dashboard is read) and the bell's unread count of a manager whom the
// reminders gave thousands of notifications. Each
// figure comes with the same queries run as bare SQL, the server's peak
// memory and its rise during the target; then, for the sign-in page, the
// dashboard, a milestone, the evidence log and two public pages, the first-load JavaScript and
// Lighthouse's scores on mobile and desktop (the median of three runs;
// --small: one run of the dashboard; --only lighthouse runs only those);
// --json FILE writes every figure beside the table. A benchmark, not a test:
// it prints figures and fails only when something does not work.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { hashPassword } from "../server/auth/password";
import { applyMigrations, projectRoot } from "./lib/migrations";
import { isoDate } from "../server/validation";
import { lighthouseScores, type LighthousePage, type LighthouseScore } from "./lib/lighthouse";
import { findFreePort } from "./lib/ports";
import { startThrowawayServer } from "./lib/throwaway-database";

const small = process.argv.includes("--small");
/** The value after `--name` on the command line. */
function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}
const scale = small ? 0.01 : Number(option("--scale") ?? 1);
if (!(scale > 0)) {
  console.error("--scale takes a positive number, e.g. --scale 10");
  process.exit(2);
}
const jsonFile = option("--json");
// Only the targets of these ids (a developer's quicker run of what they changed).
const only = option("--only")?.split(",");
const size = {
  commitments: Math.round(2_000 * scale),
  milestones: Math.round(20_000 * scale),
  updatesPerMilestone: 10,
  evidence: Math.round(50_000 * scale),
  rounds: small ? 4 : 20,
};
const concurrency = 20;
const seconds = small ? 2 : 15;
const warmUpSeconds = small ? 1 : 3;
const password = "bench-password-1";
// The writer's personal API token (a staff member who owns every milestone).
const writerToken = `fpt_be4c4000_${randomBytes(32).toString("base64url")}`;
// Words of the synthetic evidence, English and Spanish, each in about one record of twenty.
const evidenceWords = ["prison", "border", "extradition", "customs", "judges", "police", "training", "treatment", "firearms", "laundering",
  "cárcel", "frontera", "aduanas", "jueces", "policía", "capacitación", "tratamiento", "armas", "lavado", "comunidades"];

if (!existsSync(path.join(projectRoot, ".next", "BUILD_ID"))) {
  console.error("The benchmark measures the production build: run `npm run build` first.");
  process.exit(1);
}

/** The synthetic plan, written by PostgreSQL itself with generate_series. */
async function buildPlan(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const passwordHash = await hashPassword(password);
  const { commitments, milestones, updatesPerMilestone, evidence, rounds } = size;
  const statements = [
    `INSERT INTO "User" (id, email, name, roles, "passwordHash", "updatedAt") VALUES
       ('bench-manager', 'manager@bench.local', 'Bench Manager', '{manager}', '${passwordHash}', now()),
       ('bench-staff', 'staff@bench.local', 'Bench Staff', '{staff}', NULL, now()),
       ('bench-reviewer', 'reviewer@bench.local', 'Bench Reviewer', '{reviewer}', NULL, now())`,
    `INSERT INTO "Agency" (id, code, name, country) SELECT 'ag' || i, 'AG' || i, 'Agency ' || i, (CASE WHEN i % 2 = 0 THEN 'us' ELSE 'mx' END)::"Country" FROM generate_series(1, 10) i`,
    `INSERT INTO "Pillar" (id, number, code, name, description, "updatedAt") SELECT 'p' || i, i, 'P' || i, 'Pillar ' || i, 'Synthetic pillar', now() FROM generate_series(1, 5) i`,
    `INSERT INTO "Commitment" (id, "pillarId", title, description, "leadParty", "startDate", "sourceCitation", "createdAt", "updatedAt")
       SELECT 'c' || i, 'p' || (1 + i % 5), 'Commitment ' || i, 'Synthetic', (ARRAY['us','mx','joint'])[1 + i % 3]::"LeadParty", DATE '2008-01-01', 'Synthetic', TIMESTAMPTZ '2008-01-01', now()
       FROM generate_series(1, ${commitments}) i`,
    `INSERT INTO "CommitmentAgency" ("commitmentId", "agencyId") SELECT 'c' || i, 'ag' || (1 + i % 10) FROM generate_series(1, ${commitments}) i`,
    `INSERT INTO "ApiToken" (id, "userId", name, scope, "tokenHash", prefix, "expiresAt")
       VALUES ('bench-token', 'bench-staff', 'Bench writer', 'write', '${createHash("sha256").update(writerToken).digest("hex")}', '${writerToken.slice(0, 12)}', now() + interval '1 day')`,
    `INSERT INTO "Milestone" (id, "commitmentId", title, description, "dueDate", "createdAt", "updatedAt", version, "ownerId")
       SELECT 'm' || i, 'c' || (1 + i % ${commitments}), 'Milestone ' || i, 'Synthetic', DATE '2009-01-01' + (i * 7919 % 6900), TIMESTAMPTZ '2008-01-01', now(), ${updatesPerMilestone + 1}, 'bench-staff'
       FROM generate_series(1, ${milestones}) i`,
    // Ten updates per milestone, a few months apart, statuses in a shuffled cycle.
    `INSERT INTO "StatusUpdate" (id, "milestoneId", "previousStatus", "newStatus", note, cause, "completedOn", "authorId", "createdAt")
       SELECT 'u' || m || '-' || k,
              'm' || m,
              (CASE WHEN k = 1 THEN 'not_started' ELSE (ARRAY['in_progress','at_risk','delayed','in_progress','completed','cancelled'])[1 + (m + k - 1) % 6] END)::"MilestoneStatus",
              (ARRAY['in_progress','at_risk','delayed','in_progress','completed','cancelled'])[1 + (m + k) % 6]::"MilestoneStatus",
              'Synthetic note ' || k,
              CASE WHEN (m + k) % 6 IN (1, 2) THEN (ARRAY['counterpart_agency','legislation','funding','security','capacity','coordination','other'])[1 + (m * k) % 7]::"DelayCause" END,
              CASE WHEN (m + k) % 6 = 4 THEN DATE '2009-01-01' + (k * 160 + m % 150) END,
              'bench-staff',
              TIMESTAMPTZ '2009-01-01 12:00:00Z' + make_interval(days => k * 160 + m % 150)
       FROM generate_series(1, ${milestones}) m, generate_series(1, ${updatesPerMilestone}) k`,
    `UPDATE "Milestone" mi SET status = u."newStatus", "completedOn" = u."completedOn"
       FROM "StatusUpdate" u WHERE u."milestoneId" = mi.id AND u.id = mi.id || '-' || ${updatesPerMilestone}`,
    `INSERT INTO "Evidence" (id, "commitmentId", title, kind, publisher, url, "publishedOn", summary, shows, reliability, "authorId", "createdAt")
       SELECT 'e' || i, 'c' || (1 + i % ${commitments}), 'Evidence report ' || i || ' on ' || words[1 + i % ${evidenceWords.length}], 'official_document', 'Publisher ' || (i % 40), 'https://example.org/e' || i,
              DATE '2009-01-01' + (i * 31 % 6000), 'Synthetic summary of finding ' || i || ', ' || words[1 + (i / ${evidenceWords.length}) % ${evidenceWords.length}], (ARRAY['advance','setback','neutral'])[1 + i % 3]::"EvidenceShows",
              'official_record', 'bench-reviewer', TIMESTAMPTZ '2009-01-01' + make_interval(days => i * 31 % 6000)
       FROM generate_series(1, ${evidence}) i, (SELECT ARRAY[${evidenceWords.map((word) => `'${word}'`).join(", ")}] AS words) w`,
    `INSERT INTO "AssessmentRound" (id, title, "periodStart", "periodEnd", status, "openedById", "closedAt", "createdAt")
       SELECT 'r' || i, 'Round ' || i, DATE '2009-01-01' + (i - 1) * 300, DATE '2009-01-01' + i * 300 - 1, 'closed', 'bench-manager',
              TIMESTAMPTZ '2009-01-01' + make_interval(days => i * 300), TIMESTAMPTZ '2009-01-01' + make_interval(days => (i - 1) * 300)
       FROM generate_series(1, ${rounds}) i`,
    `INSERT INTO "Assessment" (id, "roundId", "pillarId", kind, "authorId", advances, results, narrative, state, "submittedAt", "updatedAt")
       SELECT 'a' || r || '-' || p, 'r' || r, 'p' || p, 'independent', 'bench-reviewer',
              (ARRAY['none','limited','steady','substantial'])[1 + (r + p) % 4]::"Advances", (ARRAY['worsened','none_yet','slow','moderate','significant'])[1 + (r * p) % 5]::"Results",
              'Synthetic narrative', 'submitted', TIMESTAMPTZ '2009-01-01' + make_interval(days => r * 300 + 10), now()
       FROM generate_series(1, ${rounds}) r, generate_series(1, 5) p`,
    `INSERT INTO "AssessmentCitation" ("assessmentId", "evidenceId") SELECT a.id, (SELECT e.id FROM "Evidence" e JOIN "Commitment" c ON c.id = e."commitmentId" WHERE c."pillarId" = a."pillarId" LIMIT 1) FROM "Assessment" a`,
    `UPDATE "Assessment" SET state = 'published', "publishedAt" = "submittedAt" + interval '5 days', "publishedById" = 'bench-manager'`,
  ];
  // Row by row, the triggers would reckon the figures' changes and the plan
  // revision once per statement's row; the plan is loaded without them (as a
  // restore is) and the figures' changes reckoned once, in one statement.
  await client.query("SET session_replication_role = replica");
  for (const statement of statements) await client.query(statement);
  await client.query("SET session_replication_role = DEFAULT");
  await client.query("SELECT rebuild_plan_figures()");
  await client.query("ANALYZE");
  const counts = await client.query<{ table: string; rows: number }>(`
    SELECT 'milestones' AS table, count(*)::int AS rows FROM "Milestone" UNION ALL SELECT 'status updates', count(*)::int FROM "StatusUpdate"
    UNION ALL SELECT 'evidence', count(*)::int FROM "Evidence" UNION ALL SELECT 'commitments', count(*)::int FROM "Commitment"
    UNION ALL SELECT 'rounds', count(*)::int FROM "AssessmentRound"`);
  await client.end();
  return counts.rows;
}

/** Signs in through next-auth's credentials endpoint, as the browser does, and returns the session cookie. */
async function signIn(baseUrl: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const cookies = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies.join("; ") },
    body: new URLSearchParams({ email: "manager@bench.local", password, csrfToken, callbackUrl: "/", json: "true" }),
  });
  const session = response.headers.getSetCookie().find((cookie) => cookie.includes("session-token"));
  if (!session) throw new Error(`sign-in failed (${response.status})`);
  return session.split(";")[0]!;
}

interface Measured {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** `concurrency` workers each send requests one after another for `seconds`; every answer must be 200. */
async function load(send: () => Promise<void>, workers: number, duration: number): Promise<Measured> {
  const latencies: number[] = [];
  const until = performance.now() + duration * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        await send();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

// The load is asked for the way a browser asks (compressed answers on
// kept-alive connections), but the answers are read off the socket, not
// decompressed: the load generator shares the machine's cores with the server
// it measures, and without fetch's decompression and web streams the
// dashboard served 13–33% more requests a second in runs alternating the two
// (docs/benchmarks.md, sixth measurement).
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
// The public pages are measured with more connections: anyone reads them, and a CDN before them asks with many.
const publicConcurrency = 50;
const publicAgent = new http.Agent({ keepAlive: true, maxSockets: publicConcurrency });

/** Sends one GET and reads its answer to the end; every answer must be 200 (a redirect, to sign in say, would measure another page). */
function get(url: string, cookie: string | null, accept = "text/html", via = agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: via, headers: { ...(cookie === null ? {} : { Cookie: cookie }), Accept: accept, "Accept-Encoding": "gzip, deflate, br" } }, (response) => {
      response.on("end", () => (response.statusCode === 200 ? resolve() : reject(new Error(`${url} answered ${response.statusCode}`))));
      response.on("error", reject);
      response.resume();
    });
    request.on("error", reject);
  });
}

/** Peak resident memory of the server and its children, sampled from /proc. */
function memorySampler(rootPid: number) {
  let peak = 0;
  const rss = (pid: number): number => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const own = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
      return own + children.reduce((sum, child) => sum + rss(child), 0);
    } catch {
      return 0;
    }
  };
  const timer = setInterval(() => (peak = Math.max(peak, rss(rootPid))), 50);
  return {
    /** Starts a new peak from the memory in use now, and returns it. */
    reset: () => (peak = rss(rootPid)),
    peak: () => peak,
    stop: () => clearInterval(timer),
  };
}

/** The compressed size of the JavaScript a current browser loads for a page's HTML before any interaction. */
async function firstLoadJs(url: string, cookie: string | undefined): Promise<number> {
  const html = await (await fetch(url, { headers: cookie ? { Cookie: cookie } : {} })).text();
  // A `noModule` script (Next.js's polyfills) is fetched only by browsers without module support; no current browser loads it.
  const scripts = [...html.matchAll(/<script([^>]+)>/g)].map((match) => match[1]!).filter((attributes) => !/\snoModule/i.test(attributes));
  const sources = [...new Set(scripts.map((attributes) => /\ssrc="([^"]+)"/.exec(attributes)?.[1]).filter((source) => source !== undefined))];
  let total = 0;
  for (const source of sources) total += gzipSync(Buffer.from(await (await fetch(new URL(source, url))).arrayBuffer())).length;
  return total;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

const server = await startThrowawayServer();
const database = `tracker_bench_${randomBytes(4).toString("hex")}`;
const admin = new pg.Client({ connectionString: server.adminUrl });
let app: ReturnType<typeof spawn> | undefined;
let exitCode = 1;
try {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  const url = server.urlFor(database);
  await applyMigrations(url, server.applicationRole);
  // The server connects as the application role, as in production; the plan is built as the owner.
  const appUrl = server.appUrlFor(database);
  let t0 = performance.now();
  const counts = await buildPlan(url);
  console.log(`Synthetic plan built in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${counts.map((row) => `${row.rows} ${row.table}`).join(", ")}`);

  const port = await findFreePort();
  // The server's secret, and the bench's own: the reminders it computes sign their emails' unsubscribe links with it.
  const secret = randomBytes(32).toString("base64url");
  process.env.NEXTAUTH_SECRET = secret;
  const baseUrl = `http://localhost:${port}`;
  // Served as `npm start` serves it: one Next.js process per core (scripts/serve.mjs).
  app = spawn(process.execPath, [path.join(projectRoot, "scripts", "serve.mjs"), "--port", String(port)], {
    cwd: projectRoot,
    stdio: ["ignore", "ignore", "inherit"],
    // The benchmark's manager has no second factor: the requirement would send every request to its enrolment.
    env: {
      ...process.env,
      DATABASE_URL: appUrl,
      // No replica streams from the benchmark's own database.
      DATABASE_REPLICA_URL: "",
      DATABASE_POOL_SIZE: "20",
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: baseUrl,
      NEXT_TELEMETRY_DISABLED: "1",
      TOTP_REQUIRED_ROLES: "",
    },
  });
  for (t0 = performance.now(); ; ) {
    if (performance.now() - t0 > 60_000) throw new Error("the server did not start within 60 s");
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const cookie = await signIn(baseUrl);
  const memory = memorySampler(app.pid!);

  // The same aggregates as bare SQL, on their own pool: the database's own time.
  process.env.DATABASE_URL = appUrl;
  process.env.DATABASE_POOL_SIZE = String(concurrency);
  const { uncachedRollupQueries } = await import("../server/rollups");
  const { listEvidence } = await import("../server/evidence");
  const { todayIso } = await import("../server/validation");
  const { db, disconnectDb } = await import("../server/db/client");
  const dashboardSql = (asOf: string) => Promise.all([uncachedRollupQueries.milestoneFigures({}, asOf), uncachedRollupQueries.verdictsByRound(asOf)]);
  const pastDay = small ? "2012-06-30" : "2016-06-30";
  // A day not asked for before, so that no figures kept from an earlier request can answer.
  let freshDays = 0;
  const freshDay = () => isoDate(new Date(Date.UTC(2010, 0, 1) + (freshDays++ % 6000) * 86_400_000));
  let searches = 0;
  const searchWord = () => evidenceWords[searches++ % evidenceWords.length]!;
  const { readActiveAccount } = await import("../server/users");
  const benchManager = await readActiveAccount("bench-manager");
  if (!benchManager) throw new Error("the bench's manager is missing");
  const statusHistorySql = () => db().$queryRawUnsafe(`SELECT u.*, m.title FROM "StatusUpdate" u JOIN "Milestone" m ON m.id = u."milestoneId" ORDER BY u."createdAt", u.id`);

  // The writer: every 250 ms a status update through the API to a random milestone, with the version it has now.
  const writerAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const statuses = ["in_progress", "at_risk", "delayed", "completed", "not_started"] as const;
  /** Posts one status update; answers the POST's own time, without the bench's reading of the version. */
  async function postStatusUpdate(): Promise<number> {
    const id = `m${1 + Math.floor(Math.random() * size.milestones)}`;
    const { version } = await db().milestone.findUniqueOrThrow({ where: { id }, select: { version: true } });
    const status = statuses[Math.floor(Math.random() * statuses.length)]!;
    const body = JSON.stringify({ status, note: "Bench update", version, ...(status === "at_risk" || status === "delayed" ? { cause: "funding" } : {}) });
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const request = http.request(`${baseUrl}/api/v1/milestones/${id}/status-updates`, {
        method: "POST",
        agent: writerAgent,
        headers: { Authorization: `Bearer ${writerToken}`, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) },
      }, (response) => {
        response.on("end", () => (response.statusCode === 201 ? resolve() : reject(new Error(`status update of ${id} answered ${response.statusCode}`))));
        response.on("error", reject);
        response.resume();
      });
      request.on("error", reject);
      request.end(body);
    });
    return performance.now() - t0;
  }
  /**
   * Runs `task` again and again until stopped, at most once every `everyMs`,
   * and measures each run: its whole time, or the milliseconds it answers
   * when it times a part of itself.
   */
  function alongside(task: () => Promise<number | void>, everyMs: number) {
    const latencies: number[] = [];
    let running = true;
    const started = performance.now();
    const done = (async () => {
      for (let next = performance.now(); running; ) {
        const t0 = performance.now();
        const ownTime = await task();
        latencies.push(ownTime ?? performance.now() - t0);
        next += everyMs;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
      }
    })();
    return {
      stop: async (): Promise<Measured> => {
        running = false;
        await done;
        latencies.sort((x, y) => x - y);
        return { requests: latencies.length, perSecond: latencies.length / ((performance.now() - started) / 1000), p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
      },
    };
  }

  // The day's reminders as the job computes them: the first run (today's, with
  // every overdue milestone's reminders and escalations to write), then each
  // run the next day's, as on the days that follow.
  const { computeReminders } = await import("../server/reminders");
  const { unreadCount } = await import("../server/notifications");
  const { worklist } = await import("../server/worklist");
  let reminderDays = 0;
  const nextReminderDay = () => isoDate(new Date(Date.parse(todayIso()) + ++reminderDays * 86_400_000));
  t0 = performance.now();
  const firstReminders = await computeReminders(todayIso());
  const firstRemindersMs = performance.now() - t0;
  console.log(`The day's reminders, first run: ${(firstRemindersMs / 1000).toFixed(1)} s, ${Object.values(firstReminders).reduce((sum, count) => sum + count, 0)} notifications (${JSON.stringify(firstReminders)})`);

  /** What runs beside a target's load, and the row its own runs are reported in. */
  interface Beside { start: () => ReturnType<typeof alongside>; id: string; name: string }
  const statusUpdateWriter: Beside = {
    start: () => alongside(postStatusUpdate, 250),
    id: "status-update",
    name: "status update POST /api/v1/milestones/{id}/status-updates (the writer of the mixed target)",
  };
  // The job runs once a day; a run every 5 s is thousands of times as often,
  // so that the measurement holds several runs. Back to back is the stress case.
  const remindersBeside: Beside = {
    start: () => alongside(async () => void (await computeReminders(nextReminderDay())), 5_000),
    id: "reminders-beside",
    name: "the day's reminders, a new day every 5 s, while the dashboard is read",
  };
  const remindersBackToBack: Beside = {
    start: () => alongside(async () => void (await computeReminders(nextReminderDay())), 0),
    id: "reminders-back-to-back",
    name: "the day's reminders, a new day each run back to back, while the dashboard is read",
  };
  interface Target { id: string; name: string; workers?: number; send: () => Promise<void>; sql?: () => Promise<unknown>; beside?: Beside }
  const targets: Target[] = [
    { id: "dashboard", name: "dashboard /overview", send: () => get(`${baseUrl}/overview`, cookie), sql: () => dashboardSql(todayIso()) },
    { id: "dashboard-past-day", name: `dashboard as of ${pastDay}`, send: () => get(`${baseUrl}/overview?asOf=${pastDay}`, cookie), sql: () => dashboardSql(pastDay) },
    { id: "dashboard-mixed", name: "dashboard /overview while a status update is posted every 250 ms", send: () => get(`${baseUrl}/overview`, cookie), sql: () => dashboardSql(todayIso()), beside: statusUpdateWriter },
    { id: "dashboard-afresh", name: "dashboard as of a new day each request (figures computed afresh)", send: () => get(`${baseUrl}/overview?asOf=${freshDay()}`, cookie), sql: () => dashboardSql(freshDay()) },
    { id: "worklist", name: "the manager's worklist / (Your work)", send: () => get(`${baseUrl}/`, cookie), sql: () => worklist(benchManager.actor) },
    {
      id: "public-pillar",
      name: "public pillar page /public/en/pillars/1, without a session",
      workers: publicConcurrency,
      send: () => get(`${baseUrl}/public/en/pillars/1`, null, "text/html", publicAgent),
    },
    { id: "api-pillars", name: "GET /api/v1/pillars", send: () => get(`${baseUrl}/api/v1/pillars`, cookie, "application/json"), sql: () => dashboardSql(todayIso()) },
    {
      id: "evidence-search",
      name: "evidence search GET /api/v1/evidence?q=",
      send: () => get(`${baseUrl}/api/v1/evidence?q=${encodeURIComponent(searchWord())}`, cookie, "application/json"),
      sql: () => listEvidence(benchManager.actor, { q: searchWord() }),
    },
    { id: "export-whole", name: "status history CSV (whole)", workers: 1, send: () => get(`${baseUrl}/api/v1/status-updates?format=csv`, cookie, "text/csv"), sql: statusHistorySql },
    { id: "reminders", name: "the day's reminders alone, a new day each run", workers: 1, send: async () => void (await computeReminders(nextReminderDay())) },
    { id: "dashboard-reminders", name: "dashboard /overview while the day's reminders are computed every 5 s", send: () => get(`${baseUrl}/overview`, cookie), sql: () => dashboardSql(todayIso()), beside: remindersBeside },
    { id: "dashboard-reminders-stress", name: "dashboard /overview while the day's reminders are computed back to back", send: () => get(`${baseUrl}/overview`, cookie), sql: () => dashboardSql(todayIso()), beside: remindersBackToBack },
    { id: "bell", name: "the bell's unread count of the bench's manager (bare call)", workers: 1, send: async () => void (await unreadCount(benchManager.actor)) },
  ];

  interface Row { id: string; name: string; connections: number; requestsPerSecond: number; p50Ms: number; p95Ms: number; sqlP50Ms: number | null; peakRssMb: number; requests: number; sqlP95Ms: number | null; riseMb: number }
  const rows: Row[] = [];
  const line = (row: Row) =>
    `| ${row.name} | ${row.connections} | ${row.requests} | ${row.requestsPerSecond.toFixed(1)} | ${ms(row.p50Ms)} | ${ms(row.p95Ms)} | ${row.sqlP50Ms === null ? "–" : ms(row.sqlP50Ms)} | ${row.sqlP95Ms === null ? "–" : ms(row.sqlP95Ms)} | ${row.sqlP50Ms === null ? "–" : `${(row.p50Ms / row.sqlP50Ms).toFixed(1)}×`} | ${row.peakRssMb.toFixed(0)} MB | ${row.riseMb.toFixed(0)} MB |`;
  const megabytes = (bytes: number) => bytes / 1024 / 1024;
  rows.push({
    id: "reminders-first", name: "the day's reminders, first run (every overdue milestone's reminders to write)", connections: 1, requests: 1, requestsPerSecond: 1000 / firstRemindersMs,
    p50Ms: firstRemindersMs, p95Ms: firstRemindersMs, sqlP50Ms: null, sqlP95Ms: null, peakRssMb: megabytes(memory.peak()), riseMb: 0,
  });
  for (const target of targets.filter((each) => !only || only.includes(each.id))) {
    const workers = target.workers ?? concurrency;
    // Kept-alive connections idled through the last target's SQL phase as long as
    // the server keeps idle ones open (Node's 5 s): new ones, rather than a race with its closing them.
    agent.destroy();
    // Warm both paths first: the server at the target's own concurrency, as its
    // first seconds under that load (code not yet optimized by the JIT, heaps
    // still growing) are a start, not the steady state measured; the bench's own pool.
    await load(target.send, workers, warmUpSeconds);
    if (target.sql) await load(async () => void (await target.sql!()), 2, 1);
    const before = memory.reset();
    const beside = target.beside?.start();
    const measured = await load(target.send, workers, seconds);
    const besideMeasured = await beside?.stop();
    const peak = memory.peak();
    const sql = target.sql ? await load(async () => void (await target.sql!()), workers, Math.max(1, seconds / 3)) : null;
    const row: Row = {
      id: target.id, name: target.name, connections: workers, requests: measured.requests, requestsPerSecond: measured.perSecond, p50Ms: measured.p50, p95Ms: measured.p95,
      sqlP50Ms: sql?.p50 ?? null, sqlP95Ms: sql?.p95 ?? null, peakRssMb: megabytes(peak), riseMb: megabytes(peak - before),
    };
    rows.push(row);
    console.log(line(row));
    if (target.beside && besideMeasured) {
      const besideRow: Row = {
        id: target.beside.id, name: target.beside.name, connections: 1, requests: besideMeasured.requests,
        requestsPerSecond: besideMeasured.perSecond, p50Ms: besideMeasured.p50, p95Ms: besideMeasured.p95, sqlP50Ms: null, sqlP95Ms: null, peakRssMb: megabytes(peak), riseMb: megabytes(peak - before),
      };
      rows.push(besideRow);
      console.log(line(besideRow));
    }
  }
  memory.stop();
  // The pages people open most, for their first-load JavaScript and Lighthouse's scores.
  const pages: LighthousePage[] = [
    { name: "sign-in", path: "/signin" },
    { name: "dashboard", path: "/overview", cookie },
    { name: "milestone page", path: "/milestones/m1", cookie },
    { name: "evidence log", path: "/evidence", cookie },
    // The public record's, without a session (issue 19's budget: 95 on mobile and desktop).
    { name: "public overview", path: "/public/en" },
    { name: "public pillar page", path: "/public/en/pillars/1" },
  ];
  const javaScript = new Map<string, number>();
  for (const page of pages) javaScript.set(page.path, await firstLoadJs(new URL(page.path, baseUrl).href, page.cookie));
  // --small proves the step works on one page, in a minute less of every CI run.
  const scoredPages = small ? pages.filter((page) => page.path === "/overview") : pages;
  const lighthouse = !only || only.includes("lighthouse") ? await lighthouseScores(baseUrl, scoredPages, small ? 1 : 3) : [];

  // The machine's speed gauge: the history replayed milestone by milestone for
  // 20,000 milestones (all of them at scale 1, those of a due-date range at
  // other scales), 20 at once: the bare SQL p50 earlier measurements give.
  const gaugeDays = Math.min(6900, Math.round(6900 / Math.max(scale, 1)));
  const gaugeFilter = { from: "2009-01-01", to: isoDate(new Date(Date.UTC(2009, 0, 1) + (gaugeDays - 1) * 86_400_000)) };
  await load(async () => void (await uncachedRollupQueries.replayMilestoneFigures(gaugeFilter, todayIso())), 2, 1);
  const gauge = await load(async () => void (await uncachedRollupQueries.replayMilestoneFigures(gaugeFilter, todayIso())), concurrency, small ? 1 : 5);
  // The reminders' emails opened the job queue's own pool in this process: closed before the database is dropped under it.
  const { stopJobQueue } = await import("../server/jobs/queue");
  await Promise.all([disconnectDb(), stopJobQueue()]);

  console.log(`\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${mb(os.totalmem())} RAM, Node ${process.version}, load average ${os.loadavg().map((n) => n.toFixed(1)).join(" ")}, ${small ? "small plan (--small)" : `scale ${scale}`}`);
  console.log(`Speed gauge (the history replayed for ${small ? "the small plan's" : "20,000"} milestones, ${concurrency} at once): p50 ${ms(gauge.p50)}, p95 ${ms(gauge.p95)}`);
  console.log("| target | connections | requests | req/s | p50 | p95 | SQL p50 | SQL p95 | p50 / SQL p50 | server peak RSS | rise over the RSS before |");
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const row of rows) console.log(line(row));
  const p95Of = (id: string) => rows.find((row) => row.id === id)?.p95Ms ?? NaN;
  const perSecondOf = (id: string) => rows.find((row) => row.id === id)?.requestsPerSecond ?? NaN;
  if (rows.some((row) => row.id === "public-pillar")) console.log(`\nThe public pillar page: ${(perSecondOf("public-pillar") / perSecondOf("dashboard")).toFixed(1)} × the dashboard's requests a second (issue 19: at least 5 ×), p95 ${ms(p95Of("public-pillar"))} with ${publicConcurrency} connections (under 100 ms)`);
  if (rows.some((row) => row.id === "dashboard-reminders")) console.log(`\nReminders: the first run ${(firstRemindersMs / 1000).toFixed(1)} s; the dashboard's p95 while they run every 5 s ${ms(p95Of("dashboard-reminders"))}, ${((p95Of("dashboard-reminders") / p95Of("dashboard") - 1) * 100).toFixed(0)} % over the read-only dashboard's (back to back: ${ms(p95Of("dashboard-reminders-stress"))}); the bell's unread count p95 ${ms(p95Of("bell"))}`);
  console.log("\n| page | first-load JavaScript (gzip) | Lighthouse mobile: performance · accessibility · best practices | mobile FCP · LCP · TBT · main thread | desktop: performance · accessibility · best practices |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const page of pages) {
    const scored = (preset: LighthouseScore["preset"]) => lighthouse.find((score) => score.path === page.path && score.preset === preset);
    const mobile = scored("mobile");
    const desktop = scored("desktop");
    const categories = (score: LighthouseScore | undefined) => (score ? `${score.performance} · ${score.accessibility} · ${score.bestPractices}` : "–");
    const timings = mobile ? `${ms(mobile.firstContentfulPaintMs)} · ${ms(mobile.largestContentfulPaintMs)} · ${ms(mobile.totalBlockingTimeMs)} · ${ms(mobile.mainThreadMs)}` : "–";
    console.log(`| ${page.name} ${page.path} | ${(javaScript.get(page.path)! / 1024).toFixed(1)} KB | ${categories(mobile)} | ${timings} | ${categories(desktop)} |`);
  }
  if (jsonFile) {
    const targetsJson = rows.map(({ id, name, connections, requestsPerSecond, p50Ms, p95Ms, sqlP50Ms, peakRssMb }) => ({ id, name, connections, requestsPerSecond, p50Ms, p95Ms, sqlP50Ms, peakRssMb }));
    const pagesJson = pages.map(({ name, path }) => ({ name, path, firstLoadJsBytes: javaScript.get(path), lighthouse: lighthouse.filter((score) => score.path === path) }));
    writeFileSync(jsonFile, `${JSON.stringify({ scale, targets: targetsJson, pages: pagesJson }, null, 2)}\n`);
    console.log(`Figures written to ${jsonFile}`);
  }
  exitCode = 0;
} catch (error) {
  console.error(error);
} finally {
  app?.kill("SIGTERM");
  await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`).catch(() => {});
  await admin.end().catch(() => {});
  await server.stop();
}
process.exit(exitCode);
