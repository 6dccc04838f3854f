import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { storageStateOf, type DemoRole } from "./users";

// The edges of the JSON API: an address it does not have, a field it does
// not have, and writes that come from another site or not as JSON
// (server/http.ts apiRoute).

const baseURL = () => test.info().project.use.baseURL!;
const contextOf = (playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } }, role: DemoRole | "anonymous") =>
  playwright.request.newContext({ baseURL: baseURL(), storageState: role === "anonymous" ? { cookies: [], origins: [] } : storageStateOf(role) });

async function expectJsonError(response: APIResponse, status: number, error: string, what: string) {
  expect(response.status(), what).toBe(status);
  expect(response.headers()["content-type"], what).toContain("application/json");
  const body = (await response.json()) as { error?: unknown; message?: unknown };
  expect(body.error, what).toBe(error);
  expect(body.message, what).toMatch(/\S/);
}

test.describe("an address the API does not have", () => {
  test("is answered 404 in JSON like every API error, whatever the method and whoever asks", async ({ playwright }) => {
    for (const who of ["anonymous", "reviewer"] as const) {
      const api = await contextOf(playwright, who);
      for (const path of ["/api/v1/no-such-route", "/api/v1/pillars/2/no-such-part", "/api/v1/milestones/abc/no-such-part"]) {
        for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
          await expectJsonError(await api.fetch(path, { method, maxRedirects: 0 }), 404, "not_found", `${who}: ${method} ${path}`);
        }
      }
      await api.dispose();
    }
  });
});

test.describe("a field the API does not have", () => {
  test("is refused with 400 naming it, and nothing is written: publishedAt is not publishedOn", async ({ playwright }) => {
    const reviewer = await contextOf(playwright, "reviewer");
    const { data: commitments } = (await (await reviewer.get("/api/v1/commitments?pillar=5")).json()) as { data: { id: string }[] };
    const marker = `misspelt${randomUUID().replaceAll("-", "")}`;
    const body = { commitmentId: commitments[0]!.id, title: marker, kind: "media_report", publisher: "Press", summary: "Summary.", shows: "neutral", reliability: "unverified" };
    const answer = await reviewer.post("/api/v1/evidence", { data: { ...body, publishedAt: "2024-05-01" } });
    await expectJsonError(answer, 400, "validation", "publishedAt");
    expect(((await answer.json()) as { fields: Record<string, unknown> }).fields).toEqual({
      publishedAt: [{ code: "unknownField", message: "There is no field “publishedAt” here; check its name." }],
    });
    expect(((await (await reviewer.get(`/api/v1/evidence?q=${marker}`)).json()) as { total: number }).total).toBe(0);
    await reviewer.dispose();
  });
});

test.describe("API writes from other sites", () => {
  test("a write from another site is refused with 403 and one not sent as JSON with 415, and nothing is written; the tracker's pages and scripts still write", async ({ playwright }) => {
    const reviewer = await contextOf(playwright, "reviewer");
    const { data: commitments } = (await (await reviewer.get("/api/v1/commitments?pillar=5")).json()) as { data: { id: string }[] };
    const marker = `crosssite${randomUUID().replaceAll("-", "")}`;
    const evidence = (title: string) =>
      JSON.stringify({ commitmentId: commitments[0]!.id, title: `${marker} ${title}`, kind: "media_report", publisher: "Press", summary: "Summary.", shows: "neutral", reliability: "unverified" });
    const own = new URL(baseURL()).origin;
    const refused: [string, Record<string, string>, number, string][] = [
      ["text/plain from another site", { "content-type": "text/plain", origin: "http://evil.example" }, 403, "cross_site"],
      ["JSON from another site", { "content-type": "application/json", origin: "http://evil.example" }, 403, "cross_site"],
      ["JSON from an opaque origin", { "content-type": "application/json", origin: "null" }, 403, "cross_site"],
      ["JSON from another port of this host", { "content-type": "application/json", origin: `${own.replace(/:\d+$/, "")}:1` }, 403, "cross_site"],
      ["JSON that the browser says is cross-site", { "content-type": "application/json", "sec-fetch-site": "cross-site" }, 403, "cross_site"],
      ["text/plain from a script", { "content-type": "text/plain" }, 415, "unsupported_media_type"],
      ["a form from this site", { "content-type": "application/x-www-form-urlencoded", origin: own }, 415, "unsupported_media_type"],
    ];
    for (const [what, headers, status, error] of refused) {
      await expectJsonError(await reviewer.post("/api/v1/evidence", { data: evidence(what), headers }), status, error, what);
    }
    const written = async () => ((await (await reviewer.get(`/api/v1/evidence?q=${marker}`)).json()) as { total: number }).total;
    expect(await written()).toBe(0);

    const fromPage = await reviewer.post("/api/v1/evidence", { data: evidence("from a page"), headers: { "content-type": "application/json", origin: own, "sec-fetch-site": "same-origin" } });
    expect(fromPage.status()).toBe(201);
    const fromScript = await reviewer.post("/api/v1/evidence", { data: evidence("from a script"), headers: { "content-type": "application/json" } });
    expect(fromScript.status()).toBe(201);
    expect(await written()).toBe(2);
    await reviewer.dispose();
  });

  test("a write without a body is refused from another site, or when it declares a body that is not JSON", async ({ playwright }) => {
    const manager = await contextOf(playwright, "manager");
    const { data: rounds } = (await (await manager.get("/api/v1/rounds")).json()) as { data: { id: string; status: string }[] };
    const closed = rounds.find((round) => round.status === "closed")!;
    const close = (headers: Record<string, string>) => manager.post(`/api/v1/rounds/${closed.id}/close`, { headers });
    await expectJsonError(await close({ origin: "http://evil.example" }), 403, "cross_site", "from another site");
    await expectJsonError(await close({ "content-type": "application/x-www-form-urlencoded" }), 415, "unsupported_media_type", "as a form");
    // Past both checks, the round is already closed.
    await expectJsonError(await close({}), 409, "conflict", "from a script");
    await manager.dispose();
  });
});
