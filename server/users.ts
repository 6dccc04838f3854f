import "server-only";
import { z } from "zod";
import { recordAudit } from "./audit";
import { verifyPassword, spendPasswordCheck } from "./auth/password";
import { mustHaveSecondFactor, spendSecondFactorCode } from "./auth/second-factor";
import { countSignInAttempt, queueSignInAttempt, secondsBeforeNextAttempt } from "./auth/sign-in-limits";
import { db, type Transaction } from "./db/client";
import { countSignInFailure } from "./metrics";
import type { Actor } from "./permissions";
import { ensure } from "./permissions";
import { parseInput } from "./validation";

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  password: z.string().min(1).max(1024),
  // Blank until the password step answers that a second factor is needed.
  code: z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), z.string().trim().max(64).optional()),
});

export type SignInOutcome =
  | { outcome: "signedIn"; user: { id: string; sessionVersion: number } }
  /** Unknown email, wrong password or deactivated account: one answer for all. */
  | { outcome: "rejected" }
  /** The password is right and the account has a second factor: ask for its code. */
  | { outcome: "secondFactorRequired" }
  | { outcome: "secondFactorRejected" }
  /** Too many failed attempts for this email or from this address: nothing was checked. */
  | { outcome: "limited"; retryAfterSeconds: number };

/** A sign-in that passed every check, audited with how it was made. */
async function signedIn(tx: Transaction, user: { id: string; sessionVersion: number }, how: { method: SignInMethod } & Record<string, unknown>) {
  await recordAudit(tx, user, { action: "user.signIn", entityType: "User", entityId: user.id, after: how });
  return { outcome: "signedIn" as const, user: { id: user.id, sessionVersion: user.sessionVersion } };
}

type FailureReason = "unknownAccount" | "inactive" | "password" | "secondFactor";

/**
 * The whole credentials check of a sign-in, in one place: the limit on failed
 * attempts first, then email and password, then the second factor's code (TOTP
 * or a recovery code) when the account has one. Nothing is granted before every
 * factor passed. Each outcome is counted and audited in the same transaction.
 */
export async function checkSignIn(raw: unknown, now = new Date(), address: string | null = null): Promise<SignInOutcome> {
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
      const fail = async (reason: FailureReason, outcome: "rejected" | "secondFactorRejected" = "rejected"): Promise<SignInOutcome> => {
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
        if (!(await spendSecondFactorCode(tx, user.id, code, now))) return fail("secondFactor", "secondFactorRejected");
      }
      await countSignInAttempt(tx, attempter, false, now);
      return signedIn(tx, user, { method: "password", address });
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
  | { outcome: "signedIn"; user: { id: string; sessionVersion: number } }
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
export async function checkSingleSignOn(rawClaims: unknown, issuer: string, address: string | null = null): Promise<SingleSignOnOutcome> {
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
    return signedIn(tx, user, { method: "sso", issuer, subject, address });
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

/**
 * The account behind a session, read afresh from the database on every request
 * so that a role taken away or an account deactivated takes effect at once.
 */
export async function findActiveAccount(userId: string, sessionVersion: number, method: SignInMethod = "password"): Promise<Account | null> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      roles: true,
      agencyId: true,
      locale: true,
      active: true,
      sessionVersion: true,
      secondFactor: { select: { confirmedAt: true } },
    },
  });
  if (!user || !user.active || user.sessionVersion !== sessionVersion) return null;
  const secondFactorEnrolled = !!user.secondFactor?.confirmedAt;
  return {
    actor: { id: user.id, name: user.name, email: user.email, roles: user.roles, agencyId: user.agencyId, locale: user.locale },
    secondFactorEnrolled,
    mustEnrolSecondFactor: method === "password" && !secondFactorEnrolled && mustHaveSecondFactor(user.roles),
  };
}

export const localeInput = z.object({ locale: z.enum(["en", "es"]) });

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
