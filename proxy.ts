import { NextResponse, type NextRequest } from "next/server";
import { safeCallbackPath } from "@/components/safe-callback";
import { acceptedLocale, isLocale } from "@/i18n/locales";
import en from "@/messages/en.json";
import { embedAllowedOrigins } from "@/server/env";
import { isPublicPagePath } from "@/server/public-pages.mjs";
import { requestIdOf } from "@/server/request-id.mjs";

// An optimistic check only: a request without a session cookie is sent to sign
// in before any page work. The real check is the session choke point
// (server/session.ts), which every page, action and route goes through.
const sessionCookies = ["next-auth.session-token", "__Secure-next-auth.session-token"];

// Browsers honour HSTS and upgrade requests only over https; the tracker knows
// it is served over https from its public URL.
const servedOverHttps = () => process.env.NODE_ENV === "production" && (process.env.NEXTAUTH_URL ?? "").startsWith("https://");

/** A fresh, unguessable nonce for this one response. */
function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * Scripts run only from this origin and only when they carry this response's
 * nonce (Next.js adds it to its own scripts and inline styles), so markup that
 * reaches a page from user text cannot run. A public page is the same for
 * every visitor and kept between requests: under scripts/serve.mjs its nonce
 * is the server process's own (PUBLIC_PAGE_NONCE), which marks what Next.js
 * wrote, and the page leaves with the hash of each marked script and style in
 * the nonce's place (scripts/lib/public-cache.mjs). The development server
 * (`next dev`) needs eval for React's error overlays and injects styles
 * without the nonce; the production build needs neither.
 */
function contentSecurityPolicy(nonce: string, frameAncestors: string): string {
  const development = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${development ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
    ...(servedOverHttps() ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Whether the path's percent-encoding spells UTF-8 text, as Next.js needs to read the path's parameters. */
function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const embed = embedAddress(pathname);
  // Only the embeddable cards may be framed, and only by the sites EMBED_ALLOWED_ORIGINS names.
  const origins = embed ? embedAllowedOrigins() : [];
  const publicPageNonce = isPublicPagePath(pathname) ? process.env.PUBLIC_PAGE_NONCE : undefined;
  const policy = contentSecurityPolicy(publicPageNonce ?? newNonce(), origins.length > 0 ? origins.join(" ") : "'none'");
  // Next.js answers such a path with a bare 500 before any route runs.
  if (!decodable(pathname)) return secured(NextResponse.json({ error: "bad_request", message: en.errors.malformedAddress }, { status: 400 }), policy);
  if (pathname !== "/" && pathname.endsWith("/")) return secured(withoutTrailingSlash(request), policy);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-tracker-path", `${pathname}${search}`);
  // The id the audit events and the log line of this request carry. scripts/serve.mjs gave it already; `next dev` and `next start` do not.
  requestHeaders.set("x-request-id", requestIdOf(requestHeaders.get("x-request-id")));
  // Next.js reads the nonce for its scripts from the request's policy.
  requestHeaders.set("content-security-policy", policy);
  // Only this proxy says in which language a public page is; a visitor's own header of that name is dropped.
  requestHeaders.delete(publicLocaleHeader);
  // An embeddable card is public too, in the language its `?lang=` asks for, as a frame's address has no other place for it.
  if (embed) {
    const asked = request.nextUrl.searchParams.get("lang");
    requestHeaders.set(publicLocaleHeader, isLocale(asked) ? asked : acceptedLocale(request.headers.get("accept-language")));
    return secured(NextResponse.next({ request: { headers: requestHeaders } }), policy);
  }
  const publicPage = publicAddress(pathname);
  if (publicPage) {
    requestHeaders.set(publicLocaleHeader, publicPage.locale ?? acceptedLocale(request.headers.get("accept-language")));
    if (publicPage.route === pathname) return secured(NextResponse.next({ request: { headers: requestHeaders } }), policy);
    const url = request.nextUrl.clone();
    url.pathname = publicPage.route;
    return secured(NextResponse.rewrite(url, { request: { headers: requestHeaders } }), policy);
  }
  const hasSession = sessionCookies.some((name) => request.cookies.has(name));
  if (!hasSession && !pathname.startsWith("/api/") && !openWithoutSession.has(pathname)) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = `?callbackUrl=${encodeURIComponent(safeCallbackPath(`${pathname}${search}`, request.nextUrl.origin))}`;
    return secured(NextResponse.redirect(url), policy);
  }
  return secured(NextResponse.next({ request: { headers: requestHeaders } }), policy);
}

/**
 * Addresses answered without a session: the sign-in page, and an email's
 * unsubscribe link, whose signed token is its own authority (server/unsubscribe.ts).
 */
const openWithoutSession = new Set(["/signin", "/unsubscribe"]);

/** The request header that carries a public page's language to i18n/request.ts. */
const publicLocaleHeader = "x-public-locale";

/**
 * A public address (no sign-in; server/public-record.ts): `/public/en/…` and
 * `/public/es/…` are the same page in each language, rendered by the route
 * without the language; `/public/…` without one is in the language the
 * browser prefers. A frozen report's file, `/public/rounds/{id}.json`, is
 * served by the route beside its page, which cannot share its address.
 */
function publicAddress(pathname: string): { route: string; locale: string | null } | null {
  const match = /^\/public(\/.*)?$/.exec(pathname);
  if (!match) return null;
  const [, prefix, rest = ""] = /^(?:\/([^/]+)(?=\/|$))?(.*)$/.exec(match[1] ?? "")!;
  const locale = isLocale(prefix) ? prefix : null;
  const unprefixed = locale ? rest : (match[1] ?? "");
  return { route: `/public${unprefixed.replace(/^\/rounds\/([^/]+)\.json$/, "/rounds/$1/document")}`, locale };
}

/** An embeddable card (app/embed): a small public page meant for another site's frame. */
const embedAddress = (pathname: string) => /^\/embed(\/|$)/.test(pathname);

/**
 * The same address without its trailing slash, as Next.js would redirect to
 * had next.config.ts not turned its own redirect off: Next.js answers that one
 * before this proxy runs, so without the security headers. Slashes at the
 * start are collapsed too: Next.js makes a redirect to its own host relative,
 * and a path beginning `//` would then name another host.
 */
function withoutTrailingSlash(request: NextRequest): NextResponse {
  const url = new URL(request.url);
  url.pathname = `/${url.pathname.replace(/^\/+|\/+$/g, "")}`;
  return NextResponse.redirect(url, 308);
}

/** The headers that change per request; next.config.ts sets the others on every response. */
function secured(response: NextResponse, policy: string): NextResponse {
  response.headers.set("content-security-policy", policy);
  if (servedOverHttps()) response.headers.set("strict-transport-security", "max-age=63072000; includeSubDomains");
  return response;
}

// Static files skip the proxy; next.config.ts gives them their headers. The
// icon (app/icon.svg) is one: the sign-in page shows it to visitors without a
// session, whom the proxy would send to sign in instead.
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
