import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import { recordRefusedApiCall } from "./access-refusals";
import { publicOrigin } from "./env";
import { answerTo } from "./error-answers";
import { CrossSiteRequestError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from "./errors";
import { logFault } from "./log";

// The one place where errors become HTTP answers for the JSON API, by the
// table of server/error-answers.ts. Messages are the English ones of
// messages/en.json; `error` is a stable code.
const t = createTranslator({ locale: "en", messages: en });

type RouteHandler<Context> = (request: Request, context: Context) => Promise<Response>;

const apiRequest = new AsyncLocalStorage<Request>();

/**
 * The request of the API route handler being run, or null outside one (pages,
 * server actions): the session choke point accepts a personal API token only
 * from such a request (server/api-tokens.ts).
 */
export function currentApiRequest(): Request | null {
  return apiRequest.getStore() ?? null;
}

/**
 * Wraps a route handler so that every error becomes a JSON answer, and every
 * refusal an audit event; a write from another site, or one that declares a
 * type other than JSON, is refused before the handler runs.
 */
export function apiRoute<Context>(handler: RouteHandler<Context>): RouteHandler<Context> {
  return async (request, context) => {
    try {
      if (!readMethods.has(request.method)) refuseForeignWrite(request);
      return await apiRequest.run(request, () => handler(request, context));
    } catch (error) {
      await recordRefusedApiCall(request, error);
      return errorResponse(error);
    }
  };
}

const readMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A page of another site can make a browser send a form or text/plain to the
 * API without asking first (no CORS preflight), and the session cookie is
 * SameSite=Lax, the only other guard. So a write is taken only when the
 * browser names no other site: its Origin, when sent, is the tracker's (the
 * request's own or the public one of NEXTAUTH_URL, behind a proxy that
 * rewrites the host), and Sec-Fetch-Site is not cross-site. Scripts send
 * neither and are taken. A write that declares a type must declare JSON;
 * readJson refuses a body declared as nothing else.
 */
function refuseForeignWrite(request: Request): void {
  const origin = request.headers.get("origin");
  const ownOrigins = [new URL(request.url).origin, publicOrigin()];
  if (request.headers.get("sec-fetch-site") === "cross-site" || (origin !== null && !ownOrigins.includes(origin))) throw new CrossSiteRequestError();
  if (request.headers.has("content-type")) requireJson(request);
}

function requireJson(request: Request): void {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") throw new UnsupportedMediaTypeError();
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

export function errorResponse(error: unknown): Response {
  const answer = answerTo(error)?.api;
  if (answer) return json({ error: answer.code, message: answer.message, ...answer.details }, answer.status, answer.headers);
  void logFault(error, "An API request failed");
  return json({ error: "internal", message: t("errors.internal") }, 500);
}

const defaultBodyLimitBytes = 1024 * 1024;
// The proxy (proxy.ts) holds request bodies up to 10 MB and cuts longer ones
// short (Next.js proxyClientMaxBodySize), so no higher limit can be kept.
const proxyBodyBytes = 10 * 1024 * 1024;

/** The largest request body the API reads: API_BODY_LIMIT_BYTES, 1 MB unless set. */
export function apiBodyLimitBytes(): number {
  const configured = Number(process.env.API_BODY_LIMIT_BYTES);
  return Number.isSafeInteger(configured) && configured > 0 ? Math.min(configured, proxyBodyBytes) : defaultBodyLimitBytes;
}

/**
 * The JSON body of a request, which must be declared as application/json
 * (415 otherwise). A body over the limit is refused by its Content-Length
 * before anything is read, or as soon as the bytes read pass the limit when it
 * has none (a chunked upload); a body that is not JSON in UTF-8 is a field
 * error of the form.
 */
export async function readJson(request: Request): Promise<unknown> {
  requireJson(request);
  const limit = apiBodyLimitBytes();
  if (Number(request.headers.get("content-length")) > limit) throw new PayloadTooLargeError(limit);
  const body = await readBody(request, limit);
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    throw new ValidationError({ _form: [{ code: "invalidJson" }] });
  }
}

/** A request's body, refused with PayloadTooLargeError as soon as the bytes read pass `limit`. */
export async function readBody(request: Request, limit: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks);
}
