import { singleSignOn } from "./oidc-provider";

/**
 * The settings the suite's server is started with (playwright.config.ts), on
 * top of the environment the tests run in. A second instance of the same
 * deployment (e2e/two-instances.spec.ts) is started with them too.
 */
export function suiteServerEnvironment(databaseUrl: string, baseURL: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: process.env.E2E_NEXTAUTH_SECRET ?? "e2e-only-secret",
    NEXTAUTH_URL: baseURL,
    NEXT_TELEMETRY_DISABLED: "1",
    // The provider itself runs only during e2e/single-sign-on.spec.ts.
    OIDC_ISSUER: singleSignOn.issuer,
    OIDC_CLIENT_ID: singleSignOn.clientId,
    OIDC_CLIENT_SECRET: singleSignOn.clientSecret,
    OIDC_NAME: singleSignOn.name,
    // The tests stand for a reverse proxy: the X-Forwarded-For they write is
    // what one would append, so each test can count its sign-ins apart.
    TRUSTED_PROXY_COUNT: "1",
    // The metrics are on, as in production; e2e/route-rules.ts expects every request without this token to be refused.
    METRICS_TOKEN: "e2e-metrics-token",
  };
}
