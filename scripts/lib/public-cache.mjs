// The public record's pages in a server process (scripts/serve.mjs).
//
// A public page is the same for every visitor, so proxy.ts renders it with
// one nonce for the whole process, and this module, which sees its bytes,
// keeps it as a document without Next.js's scripts and names each inline
// script and style left by its SHA-256 in the page's content security policy
// instead. What a page shows changes only when the plan
// revision moves (every table the public record reads raises it at commit,
// prisma/migrations) or the day does (a milestone becomes overdue): the pages
// whose language is in their address are kept per revision and day, and
// answered from memory, with an ETag and a Cache-Control that lets a CDN
// keep a copy and ask again (If-None-Match → 304), until either moves.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { isPublicPagePath } from "../../server/public-pages.mjs";

const locales = new Set(["en", "es"]);
// The query parameters public pages read (the overview's day, a card's language, the check's outcome): an address with any other is rendered and not kept, so that made-up queries cannot push the pages people read out of memory.
const pageParameters = new Set(["asOf", "lang", "sha256", "claims", "problem"]);

// Headers that belong to one request's answer, never to a kept page.
const perRequest = new Set(["x-request-id", "date", "content-length", "transfer-encoding", "content-encoding", "etag", "cache-control", "content-security-policy", "set-cookie", "connection", "keep-alive"]);

/** Whether a public page's answer is kept: in the language its address names, with no query but what the page reads. */
function keptAddress(url) {
  if ([...url.searchParams.keys()].some((name) => !pageParameters.has(name))) return false;
  if (/^\/public\/(?:en|es)(?:\/|$)/.test(url.pathname)) return true;
  return url.pathname.startsWith("/embed/") && locales.has(url.searchParams.get("lang") ?? "");
}

const sha256 = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/**
 * A public page as it is kept: a document, with none of Next.js's scripts.
 * Proxy.ts rendered it with this process's marker for a nonce
 * (PUBLIC_PAGE_NONCE), so Next.js marked what it wrote itself. Its scripts
 * (its runtime, React and the page's data for hydration, two thirds of a
 * page's bytes) leave with their preloads: a public page reads, links and
 * submits its forms as HTML, and on a phone the scripts' evaluation was most
 * of the time to a usable page (Lighthouse's mobile performance 64–66 with
 * them). A script a page writes for itself, marked `data-page-script` (the
 * embed code's copy button), stays. Each marked inline script and style that
 * stays is named by its SHA-256 in the policy, in the marker's place, and the
 * marker leaves the page: a script that reached the page any other way
 * carries no marker, has no hash in the policy and does not run.
 */
export function publicDocument(policy, html, marker) {
  const marked = (attributes) => attributes.includes(` nonce="${marker}"`);
  // React's scripts put a streamed part of a page (a Suspense boundary's, <template id="B:…">) in its place: such a page keeps them.
  const streamed = /<template\b[^>]*\bid="B:/.test(html);
  const frameworks = (attributes) => !streamed && marked(attributes) && !/\sdata-page-script\b/.test(attributes);
  const document = html
    .replace(/<script\b([^>]*)>[\s\S]*?<\/script>/gi, (script, attributes) => (frameworks(attributes) ? "" : script))
    .replace(/<link\b(?=[^>]*\bas="script")[^>]*>/gi, "")
    .replace(/<link\b(?=[^>]*\brel="modulepreload")[^>]*>/gi, "");
  const scripts = [...document.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(([, attributes, body]) => marked(attributes) && !/\bsrc\s*=/i.test(attributes) && body !== "").map(([, , body]) => sha256(body));
  const styles = [...document.matchAll(/<style\b([^>]*)>([\s\S]*?)<\/style>/gi)].filter(([, attributes, body]) => marked(attributes) && body !== "").map(([, , body]) => sha256(body));
  const named = (hashes) => [...new Set(hashes)].map((hash) => ` ${hash}`).join("");
  return {
    policy: policy.replace(` 'nonce-${marker}' 'strict-dynamic'`, named(scripts)).replace(` 'nonce-${marker}'`, named(styles)),
    html: document.replaceAll(` nonce="${marker}"`, ""),
  };
}

/**
 * Runs `render` with the response's writes held back, and answers what it
 * wrote: its status, headers and body; null when the connection closed
 * first. Next.js compresses only when the request accepts it, so the caller
 * takes accept-encoding away first.
 */
function heldBack(response, render) {
  const chunks = [];
  const { writeHead, write, end, flushHeaders } = response;
  const restore = () => Object.assign(response, { writeHead, write, end, flushHeaders });
  const bytes = (chunk, encoding) => (typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8") : Buffer.from(chunk));
  return new Promise((resolve, reject) => {
    response.writeHead = (status, reason, headers) => {
      response.statusCode = status;
      const given = typeof reason === "object" ? reason : headers;
      if (Array.isArray(given)) for (let index = 0; index < given.length; index += 2) response.setHeader(given[index], given[index + 1]);
      else for (const [name, value] of Object.entries(given ?? {})) response.setHeader(name, value);
      return response;
    };
    response.flushHeaders = () => {};
    response.write = (chunk, encoding, callback) => {
      chunks.push(bytes(chunk, encoding));
      (typeof encoding === "function" ? encoding : callback)?.();
      return true;
    };
    response.end = (chunk, encoding, callback) => {
      if (chunk !== undefined && chunk !== null && typeof chunk !== "function") chunks.push(bytes(chunk, encoding));
      restore();
      resolve({ status: response.statusCode, headers: response.getHeaders(), body: Buffer.concat(chunks) });
      [chunk, encoding, callback].find((argument) => typeof argument === "function")?.();
      return response;
    };
    // A visitor gone before the page was whole: nothing to send or keep.
    response.once("close", () => {
      restore();
      resolve(null);
    });
    Promise.resolve()
      .then(render)
      .catch((error) => {
        restore();
        reject(error);
      });
  });
}

/** A page as kept: its headers but those of one request, its bytes (compressed when first asked for so), its tag and policy. */
function pageOf(answer, marker) {
  const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !perRequest.has(name)));
  const { policy, html } = publicDocument(String(answer.headers["content-security-policy"] ?? ""), answer.body.toString("utf8"), marker);
  const body = Buffer.from(html, "utf8");
  let gzipped;
  return {
    status: answer.status,
    headers,
    body,
    gzipped: () => (gzipped ??= gzipSync(body)),
    etag: createHash("sha256").update(body).digest("base64url"),
    policy,
    setsCookie: answer.headers["set-cookie"] !== undefined,
  };
}

function send(request, response, page, { kept, state }) {
  const gzip = /\bgzip\b/.test(request.headers["accept-encoding"] ?? "");
  for (const [name, value] of Object.entries(page.headers)) response.setHeader(name, value);
  response.setHeader("Content-Security-Policy", page.policy);
  // Next.js's own (its router's data requests share the address) and the compression's.
  response.setHeader("Vary", [page.headers.vary, "Accept-Encoding"].filter(Boolean).join(", "));
  if (kept) {
    // Any cache may keep it, and must ask again before each use: the answer is a 304 while the page stands.
    response.setHeader("Cache-Control", "public, no-cache");
    // Each encoding's bytes have a tag of their own.
    const etag = `"${page.etag}${gzip ? "-gzip" : ""}"`;
    response.setHeader("ETag", etag);
    response.setHeader("X-Public-Cache", state);
    const known = (request.headers["if-none-match"] ?? "").split(",").map((tag) => tag.trim().replace(/^W\//, ""));
    if (known.includes(etag) || known.includes("*")) return response.writeHead(304).end();
  } else {
    response.setHeader("Cache-Control", "private, no-cache, no-store, max-age=0, must-revalidate");
  }
  if (gzip) response.setHeader("Content-Encoding", "gzip");
  const body = gzip ? page.gzipped() : page.body;
  response.setHeader("Content-Length", body.length);
  response.writeHead(page.status).end(body);
}

/**
 * The public pages of one server process: `answer(request, response, render)`
 * answers a public page (rendering it with `render` when it is not kept at
 * the current revision and day) and any other request by `render` alone.
 * `readRevision` reads the plan revision; `today` the day, as YYYY-MM-DD;
 * `marker` is the nonce proxy.ts gives public pages in this process.
 */
export function publicPages({ readRevision, marker, today = () => new Date().toISOString().slice(0, 10), keep = 200 }) {
  /** address → { revision, day, page } */
  const kept = new Map();
  /** address → { revision, day, page: a promise of the page being rendered, null if it is not kept } */
  const rendering = new Map();
  return async function answer(request, response, render) {
    const url = new URL(request.url ?? "/", "http://tracker.local");
    // The router's data for a client-side navigation is no page (no script runs from it), and a HEAD has no body to hash.
    if (!isPublicPagePath(url.pathname) || request.method !== "GET" || request.headers.rsc !== undefined) return render();
    const address = `${url.pathname}${url.search}`;
    // Without the revision (the database unreachable, say) the page is rendered and not kept.
    const revision = keptAddress(url) ? await readRevision().then(String, () => null) : null;
    const keepIt = revision !== null;
    const day = keepIt ? today() : null;
    const found = keepIt ? kept.get(address) : undefined;
    if (found && found.revision === revision && found.day === day) {
      // The address asked for last leaves last when the process keeps too many.
      kept.delete(address);
      kept.set(address, found);
      return send(request, response, found.page, { kept: true, state: "hit" });
    }
    // A page already being rendered at this revision and day is waited for, not rendered again: a busy page
    // read by many at once, right after a write, would otherwise be rendered by all of them together.
    const underway = keepIt ? rendering.get(address) : undefined;
    if (underway && underway.revision === revision && underway.day === day) {
      const page = await underway.page;
      if (page) return send(request, response, page, { kept: true, state: "hit" });
    }
    let rendered = () => {};
    const mine = keepIt && !rendering.has(address) ? { revision, day, page: new Promise((resolve) => (rendered = resolve)) } : null;
    if (mine) rendering.set(address, mine);
    try {
      const acceptEncoding = request.headers["accept-encoding"];
      delete request.headers["accept-encoding"];
      const answered = await heldBack(response, render);
      if (acceptEncoding !== undefined) request.headers["accept-encoding"] = acceptEncoding;
      if (!answered) return;
      const page = pageOf(answered, marker);
      const keepable = keepIt && page.status === 200 && !page.setsCookie && String(page.headers["content-type"] ?? "").startsWith("text/html");
      if (keepable) {
        kept.delete(address);
        kept.set(address, { revision, day, page });
        if (kept.size > keep) kept.delete(kept.keys().next().value);
        rendered(page);
      }
      send(request, response, page, { kept: keepable, state: "miss" });
    } finally {
      rendered(null);
      if (mine && rendering.get(address) === mine) rendering.delete(address);
    }
  };
}
