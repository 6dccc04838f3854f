// The public record's pages in a server process (scripts/serve.mjs).
//
// A public page is the same for every visitor, so proxy.ts renders it without
// a per-request nonce, and this module, which sees its bytes, names each
// inline script and style of the page by its SHA-256 in the page's content
// security policy instead. What a page shows changes only when the plan
// revision moves (every table the public record reads raises it at commit,
// prisma/migrations) or the day does (a milestone becomes overdue): the pages
// whose language is in their address are kept per revision and day, and
// answered from memory, with an ETag and a Cache-Control that lets a CDN
// keep a copy and ask again (If-None-Match → 304), until either moves.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { isPublicPagePath } from "../../server/public-pages.mjs";

const locales = new Set(["en", "es"]);

// Headers that belong to one request's answer, never to a kept page.
const perRequest = new Set(["x-request-id", "date", "content-length", "transfer-encoding", "content-encoding", "etag", "cache-control", "content-security-policy", "set-cookie", "connection", "keep-alive"]);

/**
 * Whether the request is for a public page whose answer is kept: a GET of
 * the whole document (not the router's data request of a client-side
 * navigation) in the language its address names.
 */
function keptAddress(request, url) {
  if (request.method !== "GET" || request.headers.rsc !== undefined || url.searchParams.has("_rsc")) return false;
  if (/^\/public\/(?:en|es)(?:\/|$)/.test(url.pathname)) return true;
  return url.pathname.startsWith("/embed/") && locales.has(url.searchParams.get("lang") ?? "");
}

const sha256 = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/**
 * The page's policy with the hash of each inline script in script-src and of
 * each inline style in style-src, where proxy.ts wrote `'self'` alone.
 */
export function policyWithHashes(policy, html) {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(([, attributes, body]) => !/\bsrc\s*=/i.test(attributes) && body !== "").map(([, , body]) => sha256(body));
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].filter(([, body]) => body !== "").map(([, body]) => sha256(body));
  const add = (directive, hashes) => (text) => (hashes.length === 0 ? text : text.replace(new RegExp(`(^|; )${directive} 'self'`), `$1${directive} 'self' ${[...new Set(hashes)].join(" ")}`));
  return [add("script-src", scripts), add("style-src", styles)].reduce((text, apply) => apply(text), policy);
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

/** A page as kept: its headers but those of one request, its bytes raw and compressed, its tag and policy. */
function pageOf(answer) {
  const html = answer.body.toString("utf8");
  const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !perRequest.has(name)));
  return {
    status: answer.status,
    headers,
    body: answer.body,
    gzipped: gzipSync(answer.body),
    etag: `"${createHash("sha256").update(answer.body).digest("base64url")}"`,
    policy: policyWithHashes(String(answer.headers["content-security-policy"] ?? ""), html),
    setsCookie: answer.headers["set-cookie"] !== undefined,
  };
}

function send(request, response, page, { kept, state }) {
  for (const [name, value] of Object.entries(page.headers)) response.setHeader(name, value);
  response.setHeader("Content-Security-Policy", page.policy);
  // Next.js's own (its router's data requests share the address) and the compression's.
  response.setHeader("Vary", [page.headers.vary, "Accept-Encoding"].filter(Boolean).join(", "));
  if (kept) {
    // Any cache may keep it, and must ask again before each use: the answer is a 304 while the page stands.
    response.setHeader("Cache-Control", "public, no-cache");
    response.setHeader("ETag", page.etag);
    response.setHeader("X-Public-Cache", state);
    const known = (request.headers["if-none-match"] ?? "").split(",").map((tag) => tag.trim().replace(/^W\//, ""));
    if (known.includes(page.etag)) return response.writeHead(304).end();
  } else {
    response.setHeader("Cache-Control", "private, no-cache, no-store, max-age=0, must-revalidate");
  }
  const gzip = /\bgzip\b/.test(request.headers["accept-encoding"] ?? "");
  if (gzip) response.setHeader("Content-Encoding", "gzip");
  const body = gzip ? page.gzipped : page.body;
  response.setHeader("Content-Length", body.length);
  response.writeHead(page.status).end(request.method === "HEAD" ? undefined : body);
}

/**
 * The public pages of one server process: `answer(request, response, render)`
 * answers a public page (rendering it with `render` when it is not kept at
 * the current revision and day) and any other request by `render` alone.
 * `readRevision` reads the plan revision; `today` the day, as YYYY-MM-DD.
 */
export function publicPages({ readRevision, today = () => new Date().toISOString().slice(0, 10), keep = 200 }) {
  /** address → { revision, day, page } */
  const kept = new Map();
  return async function answer(request, response, render) {
    const url = new URL(request.url ?? "/", "http://tracker.local");
    if (!isPublicPagePath(url.pathname) || (request.method !== "GET" && request.method !== "HEAD")) return render();
    const address = `${url.pathname}${url.search}`;
    // Without the revision (the database unreachable, say) the page is rendered and not kept.
    const revision = keptAddress(request, url) ? await readRevision().then(String, () => null) : null;
    const keepIt = revision !== null;
    const day = keepIt ? today() : null;
    const found = keepIt ? kept.get(address) : undefined;
    if (found && found.revision === revision && found.day === day) {
      // The address asked for last leaves last when the process keeps too many.
      kept.delete(address);
      kept.set(address, found);
      return send(request, response, found.page, { kept: true, state: "hit" });
    }

    const acceptEncoding = request.headers["accept-encoding"];
    delete request.headers["accept-encoding"];
    const answered = await heldBack(response, render);
    if (acceptEncoding !== undefined) request.headers["accept-encoding"] = acceptEncoding;
    if (!answered) return;
    const page = pageOf(answered);
    const keepable = keepIt && page.status === 200 && !page.setsCookie && String(page.headers["content-type"] ?? "").startsWith("text/html");
    if (keepable) {
      kept.delete(address);
      kept.set(address, { revision, day, page });
      if (kept.size > keep) kept.delete(kept.keys().next().value);
    }
    send(request, response, page, { kept: keepable, state: "miss" });
  };
}
