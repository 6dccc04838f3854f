import { afterEach, describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import { apiRoute, json, readJson } from "../../server/http";

// A page of another site can make a browser send a form or text/plain to the
// API with the tracker's cookie and no preflight; the API takes writes only
// from its own pages or from scripts, and only as JSON.

/** A write that echoes its JSON body, and one that reads none, answering errors as every API route does. */
const echo = apiRoute(async (request: Request) => json({ received: await readJson(request) }, 201));
const bodiless = apiRoute(async () => json({ done: true }));

const address = "http://tracker.test/api/v1/things";

function send(method: string, headers: Record<string, string>, body?: string) {
  return new Request(address, { method, headers, body });
}

const crossSite = { error: "cross_site", message: en.errors.crossSite };
const notJson = { error: "unsupported_media_type", message: en.errors.unsupportedMediaType };

afterEach(() => {
  delete process.env.NEXTAUTH_URL;
});

describe("API writes from other sites", () => {
  it("refuses with 403 a write whose Origin is another site, another port, an opaque origin, or that the browser calls cross-site", async () => {
    const refused: Record<string, string>[] = [
      { origin: "http://evil.example" },
      { origin: "http://tracker.test:8080" },
      { origin: "https://tracker.test" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
      { origin: "http://tracker.test", "sec-fetch-site": "cross-site" },
    ];
    for (const headers of refused) {
      for (const method of ["POST", "PATCH", "PUT", "DELETE"]) {
        const response = await echo(send(method, { "content-type": "application/json", ...headers }, "{}"), undefined);
        expect(response.status, `${method} ${JSON.stringify(headers)}`).toBe(403);
        expect(await response.json()).toEqual(crossSite);
      }
    }
  });

  it("refuses a write from another site before reading its type or body, and a bodiless write as well", async () => {
    const plain = await echo(send("POST", { "content-type": "text/plain", origin: "http://evil.example" }, '{"a":1}'), undefined);
    expect(plain.status).toBe(403);
    const close = await bodiless(send("POST", { origin: "http://evil.example" }), undefined);
    expect(close.status).toBe(403);
    expect(await close.json()).toEqual(crossSite);
  });

  it("takes a write from the tracker's own pages, whether its origin is the request's or the public one of NEXTAUTH_URL, and from scripts that send no Origin", async () => {
    process.env.NEXTAUTH_URL = "https://tracker.example.org";
    const taken: Record<string, string>[] = [{ origin: "http://tracker.test", "sec-fetch-site": "same-origin" }, { origin: "https://tracker.example.org" }, {}];
    for (const headers of taken) {
      const response = await echo(send("POST", { "content-type": "application/json", ...headers }, '{"a":1}'), undefined);
      expect(response.status, JSON.stringify(headers)).toBe(201);
      expect(await response.json()).toEqual({ received: { a: 1 } });
    }
  });

  it("answers reads whatever their Origin", async () => {
    const read = apiRoute(async () => json({ data: [] }));
    expect((await read(send("GET", { origin: "http://evil.example", "sec-fetch-site": "cross-site" }), undefined)).status).toBe(200);
  });
});

describe("API writes not sent as JSON", () => {
  it("refuses with 415 a body sent as anything but application/json, or with no type at all", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json-patch+json", "text/json", null]) {
      const headers: Record<string, string> = type === null ? {} : { "content-type": type };
      const request = type === null ? new Request(address, { method: "POST", body: new Blob(['{"a":1}']), headers }) : send("POST", headers, '{"a":1}');
      const response = await echo(request, undefined);
      expect(response.status, String(type)).toBe(415);
      expect(await response.json()).toEqual(notJson);
    }
  });

  it("refuses with 415 a bodiless write that declares a type other than JSON, and takes one that declares none", async () => {
    expect((await bodiless(send("POST", { "content-type": "application/x-www-form-urlencoded" }), undefined)).status).toBe(415);
    expect((await bodiless(send("POST", {}), undefined)).status).toBe(200);
  });

  it("takes JSON however its type is spelled", async () => {
    for (const type of ["application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8"]) {
      expect((await echo(send("POST", { "content-type": type }, '{"a":1}'), undefined)).status, type).toBe(201);
    }
  });
});
