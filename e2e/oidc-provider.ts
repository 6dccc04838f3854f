import type { Server } from "node:http";

// The OpenID Connect provider of the single sign-on tests: a real one (the
// `oidc-provider` package) on a port of its own, which the tracker under test
// is configured to trust (playwright.config.ts). It runs only while
// e2e/single-sign-on.spec.ts does; the other tests never reach it.
const appPort = Number(process.env.E2E_PORT ?? 3100);
const providerPort = appPort + 500;

export const singleSignOn = {
  issuer: `http://127.0.0.1:${providerPort}`,
  clientId: "tracker-e2e",
  clientSecret: "tracker-e2e-client-secret-not-for-production",
  name: "Test Identity",
} as const;

/** The people the provider knows: each signs in there by typing their login (its development sign-in page takes any password). */
const providerPeople = {
  // The demo reviewer, email verified.
  rita: { email: "REVIEWER@demo.local", email_verified: true },
  // The demo staff member's email, but not verified by the provider.
  sam: { email: "staff@demo.local", email_verified: false },
  // Verified, but no account of the tracker has the email.
  stranger: { email: "stranger@elsewhere.example", email_verified: true },
} as const;

export type ProviderPerson = keyof typeof providerPeople;

export async function startOidcProvider(appBaseUrl: string): Promise<{ stop: () => Promise<void> }> {
  const { default: Provider } = await import("oidc-provider");
  const provider = new Provider(singleSignOn.issuer, {
    clients: [
      {
        client_id: singleSignOn.clientId,
        client_secret: singleSignOn.clientSecret,
        redirect_uris: [`${appBaseUrl}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"] },
    async findAccount(_context, id) {
      const person = providerPeople[id as ProviderPerson];
      if (!person) return undefined;
      return { accountId: id, claims: () => ({ sub: id, ...person }) };
    },
    cookies: { keys: ["e2e-provider-cookie-key"] },
  });
  const server: Server = provider.listen(providerPort);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  return { stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
