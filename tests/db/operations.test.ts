import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as health } from "../../app/api/health/route";
import { GET as metrics } from "../../app/api/metrics/route";
import { db } from "../../server/db/client";
import { errorResponse } from "../../server/http";
import { logger } from "../../server/log";
import { checkSignIn } from "../../server/users";
import pg from "pg";

// What operators read: /api/metrics and the health check's detail. The admin's
// session is a browser's (e2e/operations.spec.ts); here, the metrics token.

const root = path.resolve(import.meta.dirname, "..", "..");
const token = "metrics-test-token-0123456789";
const noContext = {} as never;
const withToken = (url: string, sent = token) => new Request(url, { headers: { Authorization: `Bearer ${sent}` } });

afterEach(() => {
  delete process.env.METRICS_TOKEN;
  vi.restoreAllMocks();
});

describe("GET /api/metrics", () => {
  it("is off, not found, while METRICS_TOKEN is not set", async () => {
    expect((await metrics(withToken("http://localhost/api/metrics"), noContext)).status).toBe(404);
  });

  it("refuses a request without the token or with another one", async () => {
    process.env.METRICS_TOKEN = token;
    for (const request of [new Request("http://localhost/api/metrics"), withToken("http://localhost/api/metrics", `${token}x`), withToken("http://localhost/api/metrics", "short")]) {
      const answer = await metrics(request, noContext);
      expect(answer.status).toBe(401);
      expect(answer.headers.get("www-authenticate")).toBe("Bearer");
      expect(await answer.json()).toEqual({ error: "unauthenticated", message: expect.stringContaining("METRICS_TOKEN") });
    }
  });

  it("answers the token's bearer in Prometheus's format, with the database pool's use, the job queue's backlog and the failed sign-ins by reason", async () => {
    process.env.METRICS_TOKEN = token;
    await checkSignIn({ email: "nobody-here@test.local", password: "not the password" }, new Date(), "192.0.2.7");
    await db().$queryRaw`SELECT 1`;
    const answer = await metrics(withToken("http://localhost/api/metrics"), noContext);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await answer.text();
    expect(text).toMatch(/^sign_in_failures_total\{method="password",reason="unknownAccount"\} [1-9]/m);
    expect(text).toMatch(/^db_pool_connections\{state="idle"\} [1-9]/m);
    expect(text).toMatch(/^db_pool_connections\{state="in_use"\} \d+$/m);
    expect(text).toMatch(/^db_pool_waiting \d+$/m);
    expect(text).toMatch(/^db_pool_max_connections \d+$/m);
    expect(text).toMatch(/^job_queue_ready_jobs 0$/m);
    expect(text).toMatch(/^job_queue_oldest_ready_seconds 0$/m);
  });
});

describe("GET /api/health?detail=1", () => {
  it("gives no detail without the metrics token (nor an admin's session)", async () => {
    process.env.METRICS_TOKEN = token;
    for (const request of [new Request("http://localhost/api/health?detail=1"), withToken("http://localhost/api/health?detail=1", "another-token")]) {
      const answer = await health(request);
      expect(await answer.json()).toEqual({ status: "ok", database: "reachable" });
    }
  });

  it("gives the build, the migrations the database has not applied and its latency to the token's bearer", async () => {
    process.env.METRICS_TOKEN = token;
    const build = await readFile(path.join(root, ".next", "BUILD_ID"), "utf8").then((id) => id.trim(), () => null);
    const answer = await health(withToken("http://localhost/api/health?detail=1"));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      status: "ok",
      database: "reachable",
      detail: { build, migrationsPending: [], databaseLatencyMs: expect.any(Number), jobQueue: { ready: 0, oldestReadySeconds: 0 } },
    });

    const latest = (await readdir(path.join(root, "prisma", "migrations"), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
      .at(-1)!;
    // The owner's table: the app may only read it.
    const owner = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL });
    await owner.connect();
    await owner.query("DELETE FROM _prisma_migrations WHERE migration_name = $1", [latest]).finally(() => owner.end());
    const behind = (await (await health(withToken("http://localhost/api/health?detail=1"))).json()) as { detail: { migrationsPending: string[] } };
    expect(behind.detail.migrationsPending).toEqual([latest]);
  });

  it("stays the public answer without ?detail=1, even for the token's bearer", async () => {
    process.env.METRICS_TOKEN = token;
    expect(await (await health(withToken("http://localhost/api/health"))).json()).toEqual({ status: "ok", database: "reachable" });
  });
});

describe("a fault in the API", () => {
  it("is logged with its stack, and the caller is told only that something went wrong", async () => {
    const logged = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const fault = new Error("relation secret_table does not exist");
    const answer = errorResponse(fault);
    expect(answer.status).toBe(500);
    const body = await answer.text();
    expect(body).not.toContain("secret_table");
    expect(JSON.parse(body)).toEqual({ error: "internal", message: "Something went wrong on our side. Nothing was saved; try again." });
    await vi.waitFor(() => expect(logged).toHaveBeenCalledWith({ err: fault, requestId: null }, "An API request failed"));
  });
});
