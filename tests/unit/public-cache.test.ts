import { createHash } from "node:crypto";
import { once } from "node:events";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { publicDocument, publicPages } from "../../scripts/lib/public-cache.mjs";

// How scripts/serve.mjs answers the public record's pages, through a real
// HTTP server and client, with a stand-in for Next.js that writes a page in
// pieces as Next.js does and counts how often it is asked to.

// The nonce proxy.ts gives public pages in a server process, which marks what Next.js writes.
const marker = "0123456789abcdef0123456789abcdef";
const frameworkScript = 'self.__next_f.push([1,"page"])';
const pageScript = 'document.body.dataset.ready = ""';
const inlineStyle = ".x{color:red}";
const written = (text: string) =>
  `<!DOCTYPE html><html><head><style nonce="${marker}">${inlineStyle}</style><link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunk.js"/>` +
  `<script src="/_next/static/chunk.js" async="" nonce="${marker}"></script></head>` +
  `<body><p>${text}</p><script nonce="${marker}">${frameworkScript}</script><script nonce="${marker}" data-page-script="">${pageScript}</script></body></html>`;
// The page as it leaves: a document without Next.js's scripts, the marker gone.
const page = (text: string) =>
  `<!DOCTYPE html><html><head><style>${inlineStyle}</style></head><body><p>${text}</p><script data-page-script="">${pageScript}</script></body></html>`;
const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
const policy = `default-src 'self'; script-src 'self' 'nonce-${marker}' 'strict-dynamic'; style-src 'self' 'nonce-${marker}'; frame-ancestors 'none'`;

let server: http.Server | undefined;
afterEach(() => server?.close());

interface Setup {
  keep?: number;
  revision?: () => Promise<unknown>;
  day?: () => string;
  render?: (request: IncomingMessage, response: ServerResponse) => void;
}

async function serve(setup: Setup = {}) {
  const renders: string[] = [];
  const state = { revision: 7, day: "2026-12-06", text: "first" };
  const answer = publicPages({ marker, readRevision: setup.revision ?? (async () => state.revision), today: setup.day ?? (() => state.day), ...(setup.keep ? { keep: setup.keep } : {}) });
  const render = (request: IncomingMessage, response: ServerResponse) => {
    renders.push(request.url!);
    if (setup.render) return setup.render(request, response);
    // The encoding the page is kept in is the server's to choose.
    expect(request.headers["accept-encoding"]).toBeUndefined();
    response.setHeader("Content-Type", "text/html; charset=utf-8");
    response.setHeader("Content-Security-Policy", policy);
    response.setHeader("Vary", "RSC, Next-Router-State-Tree");
    response.setHeader("X-Request-Id", `request ${renders.length}`);
    const html = written(state.text);
    response.writeHead(request.url!.includes("missing") ? 404 : 200);
    setTimeout(() => {
      response.write(html.slice(0, 40));
      response.end(html.slice(40));
    }, 5);
  };
  server = http.createServer((request, response) => void answer(request, response, () => render(request, response)));
  server.listen(0);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { "accept-encoding": "identity", ...headers } });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  return { get, renders, state };
}

describe("a public page whose language is in its address", () => {
  it("is rendered once per plan revision and day, answered from memory with its ETag between, and 304 to a cache holding it", async () => {
    const { get, renders, state } = await serve();
    const first = await get("/public/en/pillars/1");
    expect(first.status).toBe(200);
    expect(first.text).toBe(page("first"));
    expect(first.headers.get("x-public-cache")).toBe("miss");
    expect(first.headers.get("cache-control")).toBe("public, no-cache");
    expect(first.headers.get("vary")).toBe("RSC, Next-Router-State-Tree, Accept-Encoding");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]{43}"$/);

    state.text = "changed without a new revision";
    const second = await get("/public/en/pillars/1");
    expect(second.headers.get("x-public-cache")).toBe("hit");
    expect(second.text).toBe(page("first"));
    expect(second.headers.get("etag")).toBe(etag);
    expect(second.headers.get("x-request-id"), "a request's own headers are not kept").toBeNull();
    expect((await get("/public/en/pillars/1", { "if-none-match": etag })).status).toBe(304);
    expect((await get("/public/en/pillars/1", { "if-none-match": `W/"other", ${etag}` })).status).toBe(304);
    expect((await get("/public/en/pillars/1", { "if-none-match": '"other"' })).status).toBe(200);
    expect(renders).toEqual(["/public/en/pillars/1"]);

    state.revision = 8;
    const afterWrite = await get("/public/en/pillars/1", { "if-none-match": etag });
    expect(afterWrite.status).toBe(200);
    expect(afterWrite.text).toBe(page("changed without a new revision"));
    expect(afterWrite.headers.get("etag")).not.toBe(etag);
    state.day = "2026-12-07";
    await get("/public/en/pillars/1");
    expect(renders).toHaveLength(3);
  });

  it("is rendered once for the many who ask for it at the same time, each answered with the one page", async () => {
    const { get, renders } = await serve();
    const answers = await Promise.all(Array.from({ length: 8 }, () => get("/public/en/pillars/2")));
    expect(renders).toEqual(["/public/en/pillars/2"]);
    for (const answered of answers) expect(answered.text).toBe(page("first"));
  });

  it("keeps each address apart, the query included", async () => {
    const { get, renders } = await serve();
    for (const path of ["/public/en", "/public/es", "/public/en?asOf=2011-04-30", "/public/en", "/embed/pillars/1?lang=es", "/embed/pillars/1?lang=es"]) await get(path);
    expect(renders).toEqual(["/public/en", "/public/es", "/public/en?asOf=2011-04-30", "/embed/pillars/1?lang=es"]);
  });

  it("keeps as many pages as it is told, letting go first of the one asked for longest ago", async () => {
    const { get, renders } = await serve({ keep: 2 });
    for (const path of ["/public/en", "/public/es", "/public/en", "/public/en/rounds", "/public/en", "/public/es"]) await get(path);
    expect(renders).toEqual(["/public/en", "/public/es", "/public/en/rounds", "/public/es"]);
  });

  it("leaves without Next.js's scripts and their preloads, naming the SHA-256 of the page's own script and of each style in its policy, in the nonce's place", async () => {
    const { get } = await serve();
    const answered = await get("/public/es/rounds");
    expect(answered.text).toBe(page("first"));
    const answeredPolicy = answered.headers.get("content-security-policy")!;
    expect(answeredPolicy).toBe(`default-src 'self'; script-src 'self' ${hash(pageScript)}; style-src 'self' ${hash(inlineStyle)}; frame-ancestors 'none'`);
    expect((await get("/public/es/rounds")).headers.get("content-security-policy")).toBe(answeredPolicy);
  });

  it("is sent compressed to a client that accepts it", async () => {
    const { renders } = await serve();
    const { port } = server!.address() as AddressInfo;
    for (let time = 0; time < 2; time += 1) {
      const raw = await new Promise<{ encoding?: string; etag?: string; body: Buffer }>((resolve) => {
        http.get(`http://127.0.0.1:${port}/public/en`, { headers: { "accept-encoding": "gzip, br" } }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ encoding: response.headers["content-encoding"], etag: response.headers.etag, body: Buffer.concat(chunks) }));
        });
      });
      expect(raw.encoding).toBe("gzip");
      expect(raw.etag, "the compressed bytes have a tag of their own").toMatch(/^"[\w-]{43}-gzip"$/);
      expect(gunzipSync(raw.body).toString()).toBe(page("first"));
    }
    expect(renders).toHaveLength(1);
  });
});

describe("a public page that is not kept", () => {
  it("is rendered on every request, with its hashes, when its language comes from the browser, for a card without ?lang, a query the page does not read, or a page not found", async () => {
    const { get, renders } = await serve();
    const asked = ["/public/pillars/1", "/embed/pillars/1", "/public/en?utm_source=feed", "/public/en/missing"];
    for (const path of [...asked, ...asked]) {
      const answered = await get(path);
      expect(answered.headers.get("x-public-cache")).toBeNull();
      expect(answered.headers.get("etag")).toBeNull();
      expect(answered.headers.get("content-security-policy")).toContain(hash(pageScript));
      expect(answered.text).toBe(page("first"));
    }
    expect(renders).toHaveLength(asked.length * 2);
  });

  it("is rendered on every request when the plan revision cannot be read, or when it sets a cookie", async () => {
    const unread = await serve({ revision: () => Promise.reject(new Error("the database is down")) });
    await unread.get("/public/en");
    expect((await unread.get("/public/en")).headers.get("x-public-cache")).toBeNull();
    expect(unread.renders).toHaveLength(2);
    server?.close();

    const withCookie = await serve({
      render: (_request, response) => {
        response.setHeader("Content-Type", "text/html");
        response.setHeader("Set-Cookie", "a=b");
        response.end(written("cookie"));
      },
    });
    await withCookie.get("/public/en");
    await withCookie.get("/public/en");
    expect(withCookie.renders).toHaveLength(2);
  });
});

it("leaves every other request to the app as written: other addresses, files, the router's data and HEAD", async () => {
  const { get, renders } = await serve({
    render: (_request, response) => {
      response.writeHead(200, { "Content-Type": "text/csv" });
      response.end("a,b\n");
    },
  });
  for (const path of ["/overview", "/public/data/pillars.csv", "/public/rounds/r1.json", "/api/v1/pillars"]) {
    const answered = await get(path);
    expect(answered.text).toBe("a,b\n");
    expect(answered.headers.get("content-security-policy")).toBeNull();
  }
  const routerData = await get("/public/en/pillars/1", { rsc: "1" });
  expect(routerData.text).toBe("a,b\n");
  expect(routerData.headers.get("x-public-cache")).toBeNull();
  const { port } = server!.address() as AddressInfo;
  expect((await fetch(`http://127.0.0.1:${port}/public/en`, { method: "HEAD" })).headers.get("x-public-cache")).toBeNull();
  expect(renders).toHaveLength(6);
});

it("names no script that reached the page without the marker, which therefore does not run", () => {
  const injected = "alert(document.cookie)";
  const { policy: answered, html } = publicDocument(policy, `${written("x")}<script>${injected}</script>`, marker);
  expect(answered).toContain(hash(pageScript));
  expect(html).toContain(`<script>${injected}</script>`);
  expect(answered).not.toContain(hash(injected));
  expect(answered).not.toContain("nonce-");
  expect(html).not.toContain(marker);
  expect(publicDocument(policy, "<html><script src='/a.js'></script></html>", marker).policy).toBe("default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'");
});

it("keeps React's scripts on a page with a part streamed after it, which they put in place", () => {
  const streamed = written("x").replace("<p>x</p>", '<template id="B:0"></template><p>loading</p>');
  const { html } = publicDocument(policy, streamed, marker);
  expect(html).toContain(`<script>${frameworkScript}</script>`);
  expect(html).toContain('<script src="/_next/static/chunk.js" async=""></script>');
});
