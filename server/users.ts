import "server-only";
import { z } from "zod";
import { recordAudit } from "./audit";
import { verifyPassword, spendPasswordCheck } from "./auth/password";
import { mustHaveSecondFactor, spendSecondFactorCode } from "./auth/second-factor";
import { startSession } from "./auth/sessions";
import { countSignInAttempt, queueSignInAttempt, secondsBeforeNextAttempt } from "./auth/sign-in-limits";
import { db, type Transaction } from "./db/client";
import { countSignInFailure } from "./metrics";
import { Role } from "./db/generated/enums";
import { queryRows, rawRow } from "./db/raw-rows";
import type { Actor } from "./permissions";
import { ensure } from "./permissions";
import { blankToUndefined, parseInput } from "./validation";

// next-auth hands over its whole sign-in body (csrfToken, callbackUrl, json
// beside the form's fields): this schema reads its three and leaves the rest.
export const signInInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  password: z.string().min(1).max(1024),
  // Blank until the password step answers that a second factor is needed.
  code: z.preprocess(blankToUndefined, z.string().trim().max(64).optional()),
});

/** Who signs in; `sessionId` names the session the sign-in started (the token's `sid`). */
export type SignedIn = { outcome: "signedIn"; user: { id: string; sessionVersion: number }; sessionId: string };

export type SignInOutcome =
  | SignedIn
  /** Unknown email, wrong password or deactivated account: one answer for all. */
  | { outcome: "rejected" }
  /** The password is right and the account has a second factor: ask for its code. */
  | { outcome: "secondFactorRequired" }
  | { outcome: "secondFactorRejected" }
  /** The key in force cannot read the second factor's secret (a restore under another key): an admin must reset it. */
  | { outcome: "secondFactorUnreadable" }
  /** Too many failed attempts for this email or from this address: nothing was checked. */
  | { outcome: "limited"; retryAfterSeconds: number };

/** The browser a sign-in comes from, as it names itself, for the session's record; null when it says nothing. */
type UserAgent = string | null;

/** A sign-in that passed every check: its session starts, audited with how it was made. */
async function signedIn(
  tx: Transaction,
  user: { id: string; sessionVersion: number },
  how: { method: SignInMethod } & Record<string, unknown>,
  now: Date,
  userAgent: UserAgent,
): Promise<SignedIn> {
  const sessionId = await startSession(tx, user.id, now, userAgent);
  await recordAudit(tx, user, { action: "user.signIn", entityType: "User", entityId: user.id, after: { ...how, sessionId } });
  return { outcome: "signedIn", user: { id: user.id, sessionVersion: user.sessionVersion }, sessionId };
}

type FailureReason = "unknownAccount" | "inactive" | "password" | "secondFactor" | "secondFactorUnreadable";

/**
 * The whole credentials check of a sign-in, in one place: the limit on failed
 * attempts first, then email and password, then the second factor's code (TOTP
 * or a recovery code) when the account has one. Nothing is granted before every
 * factor passed. Each outcome is counted and audited in the same transaction.
 */
export async function checkSignIn(raw: unknown, now = new Date(), address: string | null = null, userAgent: UserAgent = null): Promise<SignInOutcome> {
  const parsed = signInInput.safeParse(raw);
  if (!parsed.success) return { outcome: "rejected" };
  const { email, password, code } = parsed.data;
  const attempter = { email, address };
  let failure: FailureReason | undefined;
  const outcome = await db().$transaction(
    async (tx): Promise<SignInOutcome> => {
      await queueSignInAttempt(tx, attempter);
      const retryAfterSeconds = await secondsBeforeNextAttempt(tx, attempter, now);
      if (retryAfterSeconds > 0) {
        await recordAudit(tx, null, { action: "user.signIn.limit", entityType: "SignIn", entityId: email, after: { address, retryAfterSeconds } });
        return { outcome: "limited", retryAfterSeconds };
      }
      const fail = async (reason: FailureReason, outcome: "rejected" | "secondFactorRejected" | "secondFactorUnreadable" = "rejected"): Promise<SignInOutcome> => {
        await countSignInAttempt(tx, attempter, true, now);
        await recordAudit(tx, null, { action: "user.signIn.fail", entityType: "SignIn", entityId: email, after: { address, reason } });
        failure = reason;
        return { outcome };
      };
      const user = await tx.user.findUnique({
        where: { email },
        select: { id: true, active: true, passwordHash: true, sessionVersion: true, secondFactor: { select: { confirmedAt: true } } },
      });
      if (!user?.passwordHash || !user.active) {
        await spendPasswordCheck(password);
        return fail(user ? "inactive" : "unknownAccount");
      }
      if (!(await verifyPassword(user.passwordHash, password))) return fail("password");
      if (user.secondFactor?.confirmedAt) {
        if (!code) return { outcome: "secondFactorRequired" };
        const spent = await spendSecondFactorCode(tx, user.id, code, now);
        if (spent === "unreadable") return fail("secondFactorUnreadable", "secondFactorUnreadable");
        if (spent === "rejected") return fail("secondFactor", "secondFactorRejected");
      }
      await countSignInAttempt(tx, attempter, false, now);
      return signedIn(tx, user, { method: "password", address }, now, userAgent);
    },
    // Attempts from one address wait for each other (queueSignInAttempt), each for a slow password hash.
    { timeout: 30_000 },
  );
  if (failure) countSignInFailure("password", failure);
  return outcome;
}

// What the provider says of the person: its id for them and their email,
// which counts only when the provider says it verified it (some send "true").
const singleSignOnClaims = z.object({
  sub: z.string().min(1).max(255),
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)).optional().catch(undefined),
  email_verified: z.union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")]).optional().catch(undefined),
});

export type SingleSignOnOutcome =
  | SignedIn
  /** The provider gave no email, or did not say it verified it. */
  | { outcome: "unverifiedEmail" }
  /** No active account has the email. */
  | { outcome: "noAccount" };

/**
 * A sign-in through the OpenID Connect provider: the person the provider
 * vouches for signs in to the active account with their verified email, and
 * nobody else. The provider's own checks stand in for password and second
 * factor. Audited either way.
 */
export async function checkSingleSignOn(
  rawClaims: unknown,
  issuer: string,
  address: string | null = null,
  userAgent: UserAgent = null,
  now = new Date(),
): Promise<SingleSignOnOutcome> {
  const claims = singleSignOnClaims.safeParse(rawClaims);
  const subject = claims.success ? claims.data.sub : null;
  const email = claims.success ? claims.data.email : undefined;
  let failure: string | undefined;
  const outcome = await db().$transaction(async (tx): Promise<SingleSignOnOutcome> => {
    const refuse = async (outcome: "unverifiedEmail" | "noAccount", reason: string): Promise<SingleSignOnOutcome> => {
      await recordAudit(tx, null, { action: "user.signIn.fail", entityType: "SignIn", entityId: email ?? subject ?? "", after: { method: "sso", issuer, subject, address, reason } });
      failure = reason;
      return { outcome };
    };
    if (!claims.success || !email || claims.data.email_verified !== true) return refuse("unverifiedEmail", "unverifiedEmail");
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, active: true, sessionVersion: true } });
    if (!user?.active) return refuse("noAccount", user ? "inactive" : "unknownAccount");
    return signedIn(tx, user, { method: "sso", issuer, subject, address }, now, userAgent);
  });
  if (failure) countSignInFailure("sso", failure);
  return outcome;
}

/** The person behind a live session, and whether they still owe the second factor their role requires. */
export interface Account {
  actor: Actor;
  secondFactorEnrolled: boolean;
  mustEnrolSecondFactor: boolean;
}

/** How a session was signed in: the second factor a role requires is asked of password sign-ins; the provider answers for its own. */
export type SignInMethod = "password" | "sso";

/** What a session token names: the account, its session version when signed in, the session's record, and how it was signed in. */
export interface SessionRef {
  sub: string;
  sid: string;
  sessionVersion: number;
  method?: SignInMethod;
}

/**
 * The account behind a session, read afresh from the database on every
 * request so that a role taken away, an account deactivated or a session
 * ended takes effect at once. One query: the session's record (by its key)
 * with its account and second factor.
 */
export async function findActiveAccount({ sub, sid, sessionVersion, method = "password" }: SessionRef): Promise<Account | null> {
  const [user] = await queryRows(accountRow)`
    SELECT u.id, u.name, u.email, u.roles::text[] AS roles, u."agencyId", u.locale::text AS locale,
      f."confirmedAt" IS NOT NULL AS "secondFactorEnrolled"
    FROM "Session" s
    JOIN "User" u ON u.id = s."userId"
    LEFT JOIN "SecondFactor" f ON f."userId" = u.id
    WHERE s.id = ${sid} AND s."userId" = ${sub} AND s."endedAt" IS NULL AND u.active AND u."sessionVersion" = ${sessionVersion}`;
  return user ? accountOf(user, method) : null;
}

/**
 * The account of an active user, read afresh; null when there is none or it
 * is deactivated. A personal API token's call reads its person in the same
 * statement as the token (server/api-tokens.ts); this is for the scripts
 * that act as a known account, as the benchmark does.
 */
export async function readActiveAccount(userId: string): Promise<Account | null> {
  const [user] = await queryRows(accountRow)`
    SELECT u.id, u.name, u.email, u.roles::text[] AS roles, u."agencyId", u.locale::text AS locale,
      f."confirmedAt" IS NOT NULL AS "secondFactorEnrolled"
    FROM "User" u
    LEFT JOIN "SecondFactor" f ON f."userId" = u.id
    WHERE u.id = ${userId} AND u.active`;
  return user ? accountOf(user, "password") : null;
}

/**
 * The columns an account is read from, as findActiveAccount reads them and
 * as a personal API token's call reads its person (server/api-tokens.ts):
 * `u` the user, `f` their second factor.
 */
export const accountColumns = {
  id: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.enum(Role)),
  agencyId: z.string().nullable(),
  locale: z.enum(["en", "es"]),
  secondFactorEnrolled: z.boolean(),
};
const accountRow = rawRow("account", accountColumns);
type AccountRow = z.infer<typeof accountRow>;

export function accountOf({ secondFactorEnrolled, ...actor }: AccountRow, method: SignInMethod): Account {
  return {
    actor,
    secondFactorEnrolled,
    mustEnrolSecondFactor: method === "password" && !secondFactorEnrolled && mustHaveSecondFactor(actor.roles),
  };
}

export const localeInput = z.strictObject({ locale: z.enum(["en", "es"]) });

/** Remembers the actor's language on their account. */
export async function setPreferredLocale(actor: Actor, raw: unknown): Promise<void> {
  ensure(actor, "profile.update");
  const { locale } = parseInput(localeInput, raw);
  if (locale === actor.locale) return;
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { locale } });
    await recordAudit(tx, actor, {
      action: "user.locale.update",
      entityType: "User",
      entityId: actor.id,
      before: { locale: actor.locale },
      after: { locale },
    });
  });
}
