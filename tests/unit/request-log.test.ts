import { once } from "node:events";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { consoleToLogger, observeRequests, requestContext, routeMatcher } from "../../scripts/lib/observability.mjs";
import { createLogger } from "../../server/logger.mjs";

// What scripts/serve.mjs logs of each request, with the logger's own
// configuration, through a real HTTP server and client.

const manifest = {
  staticRoutes: [{ page: "/signin", regex: "^/signin(?:/)?$" }],
  dynamicRoutes: [{ page: "/milestones/[id]", regex: "^/milestones/([^/]+?)(?:/)?$" }],
};

/** A logger whose JSON lines are kept in memory. */
function capturedLogger() {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const text = () => chunks.join("");
  const lines = () =>
    text()
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger: createLogger(destination), text, lines };
}

type Handle = (request: IncomingMessage, response: ServerResponse, requestId: string) => unknown;

let server: http.Server | undefined;

async function serve(handle: Handle) {
  const captured = capturedLogger();
  server = http.createServer(observeRequests({ logger: captured.logger, routeOf: routeMatcher(manifest), handle }));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return { ...captured, url: `http://127.0.0.1:${port}` };
}

afterEach(async () => {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((resolve) => server!.close(resolve));
  server = undefined;
});

describe("the request log", () => {
  it("logs each request as one JSON line of its time, id, method, route, path, status, duration and user, and never a cookie, an authorization, a query or a password", async () => {
    const seenIds: unknown[] = [];
    const { url, lines, text } = await serve(async (request, response) => {
      seenIds.push(request.headers["x-request-id"]);
      for await (const _chunk of request);
      // What the app does once it has read the session (server/log.ts).
      requestContext.getStore()!.userId = "user-1";
      response.writeHead(303, { Location: "/signin" }).end();
    });

    const answer = await fetch(`${url}/milestones/m-42?token=query-token-secret&password=query-password-secret`, {
      method: "POST",
      headers: {
        Cookie: "next-auth.session-token=cookie-secret",
        Authorization: "Bearer authorization-secret",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "email=someone%40test.local&password=body-password-secret",
      redirect: "manual",
    });
    expect(answer.status).toBe(303);
    await expect.poll(() => lines().length).toBe(1);

    const requestId = answer.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(seenIds).toEqual([requestId]);
    const [line] = lines();
    expect(line).toEqual({
      level: 30,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      pid: process.pid,
      hostname: expect.any(String),
      requestId,
      method: "POST",
      route: "/milestones/[id]",
      path: "/milestones/m-42",
      status: 303,
      durationMs: expect.any(Number),
      userId: "user-1",
      msg: "request",
    });
    for (const secret of ["cookie-secret", "authorization-secret", "query-token-secret", "query-password-secret", "body-password-secret", "someone"]) {
      expect(text()).not.toContain(secret);
    }
  });

  it("keeps a well-formed request id a proxy in front gave, replaces any other, and names no route it does not know", async () => {
    const { url, lines } = await serve((_request, response) => response.writeHead(404).end());
    const kept = await fetch(`${url}/signin`, { headers: { "X-Request-Id": "proxy-id.1:2" } });
    const replaced = await fetch(`${url}/no/such/page`, { headers: { "X-Request-Id": "not well formed <script>" } });
    expect(kept.headers.get("x-request-id")).toBe("proxy-id.1:2");
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => lines().length).toBe(2);
    expect(lines().map(({ requestId, route, path, status }) => ({ requestId, route, path, status }))).toEqual([
      { requestId: "proxy-id.1:2", route: "/signin", path: "/signin", status: 404 },
      { requestId: replaced.headers.get("x-request-id"), route: "unmatched", path: "/no/such/page", status: 404 },
    ]);
  });

  it("names the build's files as one route, so that the metrics' labels stay few", () => {
    const routeOf = routeMatcher(manifest);
    expect(routeOf("/_next/static/chunks/abc123.js")).toBe("/_next/static");
    expect(routeOf("/milestones/anything")).toBe("/milestones/[id]");
    expect(routeOf("/milestones/a/b")).toBe("unmatched");
  });

  it("logs what is written to the console while answering as a line with the request's id, an error with its stack", async () => {
    const saved = { error: console.error, warn: console.warn, info: console.info, log: console.log, debug: console.debug };
    try {
      const { url, lines, logger } = await serve((_request, response) => {
        console.error(" ⨯", new Error("a fault in a page"));
        response.writeHead(500).end("Internal Server Error");
      });
      consoleToLogger(logger);
      const answer = await fetch(`${url}/signin`);
      expect(await answer.text()).toBe("Internal Server Error");
      await expect.poll(() => lines().length).toBe(2);
      const [fault, request] = lines();
      expect(fault).toMatchObject({ level: 50, msg: " ⨯", requestId: answer.headers.get("x-request-id"), err: { message: "a fault in a page" } });
      expect((fault!.err as { stack: string }).stack).toContain("request-log.test.ts");
      expect(request).toMatchObject({ msg: "request", status: 500 });
    } finally {
      Object.assign(console, saved);
    }
  });
});
