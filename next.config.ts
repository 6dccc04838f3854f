import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import shared from "./security-headers.json";

// The messages are compiled from ICU text at build time, so that no request
// parses them again and browsers get no ICU parser: the dashboard, which
// formats a message for every cell of its tables, served 16% more requests a
// second (docs/benchmarks.md, fifth measurement). Code run outside the build
// (tests, scripts) reads the JSON as it is and formats it the usual way.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

// Headers of every response: pages, API, the proxy's redirects, errors and static files.
// The pages' Content-Security-Policy carries a nonce per request, so proxy.ts
// sets it (and HSTS, decided at run time); static files skip the proxy and get
// a policy of their own here. security-headers.json holds them for
// scripts/serve.mjs as well, which gives them to the answers Next.js makes
// before any of this runs.
const securityHeaders = shared.everyResponse;

// Every response but the embeddable cards' refuses to be framed at all; the
// cards are framed by the sites proxy.ts names in their frame-ancestors
// (EMBED_ALLOWED_ORIGINS), which X-Frame-Options cannot express.
const frameOptions = { source: `/:path((?!${shared.framedUnder.slice(1)}(?:/|$)).*)`, headers: [shared.frameOptions] };

const staticFilePolicy = [{ key: "Content-Security-Policy", value: shared.strictestPolicy }];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Every browser and bot gets the same HTML, its metadata in the head: by
  // default Next.js streams the metadata to browsers and holds it in the head
  // only for some bots, and a public page is kept, by this server and by a
  // CDN, as whoever asked first got it (scripts/lib/public-cache.mjs).
  htmlLimitedBots: /.*/,
  // Next.js answers its own redirect that drops a trailing slash before
  // proxy.ts runs, so without the security headers; the proxy does it instead.
  skipTrailingSlashRedirect: true,
  // A plan CSV may be up to 1 MB (server/plan-import.ts); the default limit
  // would refuse it before the import could answer with its own message.
  // authInterrupts gives forbidden(): a page refused to a role answers 403
  // with app/(app)/forbidden.tsx rather than pretending not to exist.
  experimental: { serverActions: { bodySizeLimit: "2mb" }, authInterrupts: true },
  // Native packages stay outside the server bundle.
  // pdfkit reads its font metrics from its own folder at run time.
  // prom-client's registry is the one scripts/serve.mjs records requests in
  // and gathers from every server process, so the app must load the same copy.
  // pg-boss reads its own package.json at run time.
  serverExternalPackages: ["@node-rs/argon2", "pg", "pdfkit", "prom-client", "pg-boss"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      frameOptions,
      { source: "/_next/static/:path*", headers: staticFilePolicy },
      { source: "/_next/image", headers: staticFilePolicy },
      { source: "/favicon.ico", headers: staticFilePolicy },
      { source: "/icon.svg", headers: staticFilePolicy },
    ];
  },
};

export default withNextIntl(nextConfig);
