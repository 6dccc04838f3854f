import "server-only";
// The session choke point: the only module that touches next-auth. Pages,
// server actions and route handlers ask it for the actor; nothing else
// imports next-auth.
import NextAuth, { type NextAuthOptions } from "next-auth";
import { decode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { AsyncLocalStorage } from "node:async_hooks";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { z } from "zod";
import { safeCallbackPath } from "@/components/safe-callback";
import { accountOfApiRequest } from "./api-tokens";
import { clientAddress } from "./auth/client-address";
import { secondsOf, sessionLimits, sessionStanding } from "./auth/session-limits";
import { endSignedOutSession, recordActivity } from "./auth/sessions";
import { publicOrigin } from "./env";
import { SecondFactorEnrolmentRequiredError, TooManyAttemptsError, UnauthenticatedError } from "./errors";
import { isDatabaseUnavailable } from "./error-answers";
import { currentApiRequest, errorResponse } from "./http";
import { logger, noteRequestUser } from "./log";
import type { Actor } from "./permissions";
import { checkSignIn, checkSingleSignOn, findActiveAccount, type Account, type SignedIn, type SignInMethod } from "./users";

// Over HTTPS the cookie is Secure (and named __Secure-…); it is HttpOnly and
// SameSite=Lax either way, next-auth's defaults.
const secureCookies = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
const sessionCookieName = secureCookies ? "__Secure-next-auth.session-token" : "next-auth.session-token";

// What the session token carries: who, which of their session versions, the
// session's own id (its record's, server/auth/sessions.ts), and when they
// signed in and were last seen (seconds since the epoch). Roles, name and
// language are read from the database on every request.
const sessionClaims = z.object({
  sub: z.string(),
  sid: z.string(),
  sessionVersion: z.number().int(),
  // Tokens from before single sign-on existed carry no method: they were password sign-ins.
  method: z.enum(["password", "sso"]).default("password"),
  signedInAt: z.number(),
  lastSeenAt: z.number(),
});
type SessionClaims = z.output<typeof sessionClaims>;

/**
 * What the sign-in page is told when a sign-in does not go through; next-auth
 * passes it on as `?error=` (components/auth-client.ts, app/signin/page.tsx).
 */
const signInErrors = {
  secondFactorRequired: "SecondFactorRequired",
  secondFactorRejected: "SecondFactorRejected",
  secondFactorUnreadable: "SecondFactorUnreadable",
  singleSignOnUnverifiedEmail: "SsoUnverifiedEmail",
  singleSignOnNoAccount: "SsoNoAccount",
} as const;

/** The address a sign-in comes from, counted by the limits and recorded in the audit trail (server/auth/client-address.ts). */
const signInAddress = async () => clientAddress((await headers()).get("x-forwarded-for"));
/** The browser a sign-in comes from, as it names itself: the profile's list of sessions tells them apart by it. */
const signInUserAgent = async () => (await headers()).get("user-agent");

/** Who the session's user is, as next-auth carries it from a provider to the jwt callback. */
interface SignedInUser {
  id: string;
  sessionVersion: number;
  method: SignInMethod;
  /** The record the sign-in started (server/auth/sessions.ts); empty for a refusal. */
  sessionId: string;
  /** Set by the single sign-on's profile step when the person may not sign in; the signIn callback refuses. */
  refusal?: (typeof signInErrors)["singleSignOnUnverifiedEmail" | "singleSignOnNoAccount"];
}

const signedInUser = ({ user, sessionId }: SignedIn, method: SignInMethod): SignedInUser => ({ id: user.id, sessionVersion: user.sessionVersion, method, sessionId });

const singleSignOnProviderId = "oidc";

/**
 * The OpenID Connect provider set by OIDC_ISSUER, OIDC_CLIENT_ID and
 * OIDC_CLIENT_SECRET, or null when they are not all set. Its ID token is
 * checked (signature, issuer, audience, PKCE and state); the person's email
 * and whether it is verified come from its userinfo endpoint.
 */
function singleSignOnProvider(env: Record<string, string | undefined> = process.env): OAuthConfig<Record<string, unknown>> | null {
  const issuer = env.OIDC_ISSUER?.replace(/\/+$/, "");
  const clientId = env.OIDC_CLIENT_ID;
  const clientSecret = env.OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    id: singleSignOnProviderId,
    name: env.OIDC_NAME || "OpenID Connect",
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    idToken: true,
    checks: ["pkce", "state"],
    authorization: { params: { scope: "openid email" } },
    userinfo: {
      // next-auth hands over openid-client's TokenSet (its types say less): given
      // it, openid-client refuses userinfo about anyone but the ID token's subject.
      request: ({ client, tokens }) => client.userinfo(tokens as Parameters<typeof client.userinfo>[0]),
    },
    async profile(claims): Promise<SignedInUser> {
      const result = await checkSingleSignOn(claims, issuer, await signInAddress(), await signInUserAgent());
      switch (result.outcome) {
        case "signedIn":
          return signedInUser(result, "sso");
        case "unverifiedEmail":
          return { id: "refused", sessionVersion: 0, method: "sso", sessionId: "", refusal: signInErrors.singleSignOnUnverifiedEmail };
        case "noAccount":
          return { id: "refused", sessionVersion: 0, method: "sso", sessionId: "", refusal: signInErrors.singleSignOnNoAccount };
      }
    },
  };
}

/** Where the sign-in page sends a person once signed in: the callback when it stays on the tracker, the overview otherwise. */
export function pathAfterSignIn(callbackUrl: string | undefined): string {
  return safeCallbackPath(callbackUrl, publicOrigin());
}

/** The name of the single sign-on provider the sign-in page offers, or null when none is set up. */
export function singleSignOnName(): string | null {
  return singleSignOnProvider()?.name ?? null;
}

class SessionEndedError extends Error {}

// next-auth answers every refused sign-in alike; a sign-in refused by the limit
// on failed attempts is told to authRouteHandler through this, to answer 429.
const signInLimitReached = new AsyncLocalStorage<{ retryAfterSeconds?: number }>();

const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  useSecureCookies: secureCookies,
  // The token and its cookie last one idle period and are renewed with every
  // sign of activity (GET /api/auth/session, see components/session-activity);
  // the absolute limit is the signedInAt claim, which renewal never moves.
  // (next-auth's updateAge applies to database sessions only.)
  session: { strategy: "jwt", maxAge: sessionLimits().idleSeconds },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "email",
      credentials: { email: { type: "email" }, password: { type: "password" }, code: { type: "text" } },
      async authorize(credentials) {
        const result = await checkSignIn(credentials, new Date(), await signInAddress(), await signInUserAgent());
        switch (result.outcome) {
          case "signedIn":
            return signedInUser(result, "password");
          case "secondFactorRequired":
            throw new Error(signInErrors.secondFactorRequired);
          case "secondFactorRejected":
            throw new Error(signInErrors.secondFactorRejected);
          case "secondFactorUnreadable":
            throw new Error(signInErrors.secondFactorUnreadable);
          case "rejected":
            return null;
          case "limited": {
            const attempt = signInLimitReached.getStore();
            if (attempt) attempt.retryAfterSeconds = result.retryAfterSeconds;
            return null;
          }
        }
      },
    }),
    ...[singleSignOnProvider()].filter((provider) => provider !== null),
  ],
  callbacks: {
    signIn({ user }) {
      const { refusal } = user as unknown as SignedInUser;
      return refusal ? `/signin?error=${refusal}` : true;
    },
    async jwt({ token, user }) {
      const now = new Date();
      if (user) {
        const { id, sessionVersion, method, sessionId } = user as unknown as SignedInUser;
        return { sub: id, sid: sessionId, sessionVersion, method, signedInAt: secondsOf(now), lastSeenAt: secondsOf(now) };
      }
      const renewed = await renewedClaims(token, now).catch((error: unknown) => {
        // A database that cannot answer says nothing of the session: it stays
        // as it was, neither renewed nor ended, rather than signing everyone out.
        if (isDatabaseUnavailable(error)) return token;
        throw error;
      });
      if (!renewed) throw new SessionEndedError();
      return renewed;
    },
    // Every address next-auth sends the browser to after signing in or out
    // (`callbackUrl` of a form, a link or its cookie) is checked as the sign-in
    // page checks it; next-auth's own check lets a newline through to a header
    // (a 500) and fails on an address that is not a URL.
    redirect({ url, baseUrl }) {
      return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
    },
    // The browser learns nothing from the session endpoint but whether it lasts.
    session({ session }) {
      return { expires: session.expires };
    },
  },
  events: {
    // next-auth's own sign-out endpoint ends the session's record too, like endSession.
    async signOut({ token }) {
      const claims = sessionClaims.safeParse(token);
      if (claims.success) await endSignedOutSession(claims.data);
    },
  },
  // Only next-auth's code and the error go to the log: its other details may carry tokens.
  logger: {
    // An ended session asking for renewal is routine: next-auth just clears its cookie.
    error(code, metadata) {
      const cause = (metadata as { error?: unknown } | undefined)?.error ?? metadata;
      if (code === "JWT_SESSION_ERROR" && cause instanceof SessionEndedError) return;
      logger.error({ code, err: cause instanceof Error ? cause : undefined }, `next-auth: ${code}`);
    },
    warn(code) {
      logger.warn({ code }, `next-auth: ${code}`);
    },
    debug() {},
  },
};

const nextAuthHandler = NextAuth(authOptions) as (request: Request, context: unknown) => Promise<Response>;

/**
 * next-auth's route handler, mounted at app/api/auth/[...nextauth]; a sign-in
 * refused by the limit on failed attempts is answered 429 with the wait.
 */
export async function authRouteHandler(request: Request, context: unknown): Promise<Response> {
  const attempt: { retryAfterSeconds?: number } = {};
  const response = await signInLimitReached.run(attempt, () => nextAuthHandler(request, context));
  return attempt.retryAfterSeconds === undefined ? response : errorResponse(new TooManyAttemptsError(attempt.retryAfterSeconds));
}

async function claimsOf(token: string | undefined) {
  if (!token) return null;
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: it signs the session tokens (npm start generates one).");
  const claims = sessionClaims.safeParse(await decode({ token, secret }).catch(() => null));
  return claims.success ? claims.data : null;
}

/**
 * The account of a session's claims as of `now`, or null when the session is
 * idle, past its absolute limit or ended (signed out, ended from the profile,
 * or all the account's sessions), or the account is deactivated.
 */
async function accountOfClaims(claims: SessionClaims | null, now: Date): Promise<Account | null> {
  if (!claims || sessionStanding(claims, secondsOf(now), sessionLimits()) !== "live") return null;
  return findActiveAccount(claims);
}

/** The account a session token belongs to as of `now`, or null when the token is missing or forged or its session is not live (accountOfClaims). */
export async function accountOfSessionToken(token: string | undefined, now: Date): Promise<Account | null> {
  return accountOfClaims(await claimsOf(token), now);
}

/**
 * The claims of a session token renewed at `now` (GET /api/auth/session), or
 * null when its session is not live and may not be renewed. Only the last-seen
 * time moves: the absolute limit counts from signedInAt, which renewal keeps.
 */
export async function renewedClaims(token: unknown, now: Date): Promise<SessionClaims | null> {
  const claims = sessionClaims.safeParse(token);
  if (!claims.success || !(await accountOfClaims(claims.data, now))) return null;
  await recordActivity(claims.data.sid, now);
  return { ...claims.data, lastSeenAt: secondsOf(now) };
}

const currentClaims = cache(async () => claimsOf((await cookies()).get(sessionCookieName)?.value));

const currentAccount = cache(async (): Promise<Account | null> => {
  // On the JSON API, a personal API token stands instead of the cookie; a bad one is refused, not passed over.
  const account = (await accountOfApiRequest(currentApiRequest(), new Date())) ?? (await accountOfClaims(await currentClaims(), new Date()));
  if (account) noteRequestUser(account.actor.id);
  return account;
});

/** The id of this request's session, to tell it apart in the profile's list of sessions. */
export async function currentSessionId(): Promise<string | null> {
  return (await currentClaims())?.sid ?? null;
}

/**
 * The signed-in account of this request even while it still owes its second
 * factor: for the profile page's enrolment and nothing else.
 */
export async function getAccount(): Promise<Account | null> {
  return currentAccount();
}

/** The account of this request; throws UnauthenticatedError when there is none. */
export async function requireAccount(): Promise<Account> {
  const account = await currentAccount();
  if (!account) throw new UnauthenticatedError();
  return account;
}

/**
 * The signed-in actor of this request, or null. An account whose role needs a
 * second factor it has not set up gets SecondFactorEnrolmentRequiredError: it
 * may reach nothing until it enrols (pages send it to /profile, the API
 * answers 403 `second_factor_enrolment_required`).
 */
export async function getActor(): Promise<Actor | null> {
  const account = await currentAccount();
  if (!account) return null;
  if (account.mustEnrolSecondFactor) throw new SecondFactorEnrolmentRequiredError();
  return account.actor;
}

/** The signed-in actor; throws UnauthenticatedError when there is none. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new UnauthenticatedError();
  return actor;
}

const sessionCookieNames = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/**
 * Ends this browser's session: its record on the server, audited, so that no
 * copy of the cookie works any more, then the cookie itself. Done in a server
 * action so that signing out works from a plain form, before (or without) any
 * client JavaScript. A renewal still under way (components/session-renewal.tsx)
 * may set the cookie again after this; its session has ended, so it is refused.
 */
export async function endSession(): Promise<void> {
  const store = await cookies();
  const claims = await claimsOf(store.get(sessionCookieName)?.value);
  try {
    if (claims) await endSignedOutSession(claims);
  } finally {
    // This browser is signed out even when the record cannot be ended (the
    // database away), rather than left signed in by the failure.
    for (const name of sessionCookieNames) if (store.has(name)) store.delete(name);
  }
}
