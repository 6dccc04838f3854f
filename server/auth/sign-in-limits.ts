import "server-only";
import type { Transaction } from "../db/client";
import { positiveSetting } from "../env";

// Limits on password guessing, counted in PostgreSQL so that they hold however
// many app instances serve sign-ins. An account takes a few failed attempts in
// a window (a success starts its count afresh); an address takes more, since
// many people may share one. Past either limit every attempt is refused until
// the window has passed, whatever the password: a right password tells a
// guesser nothing then.

export interface SignInLimits {
  perAccount: number;
  perAddress: number;
  windowSeconds: number;
}

/** SIGN_IN_MAX_FAILURES_PER_ACCOUNT (5), SIGN_IN_MAX_FAILURES_PER_ADDRESS (20) and SIGN_IN_LIMIT_MINUTES (15). */
export function signInLimits(env: Record<string, string | undefined> = process.env): SignInLimits {
  return {
    perAccount: positiveSetting(env, "SIGN_IN_MAX_FAILURES_PER_ACCOUNT", 5, "wholeNumber"),
    perAddress: positiveSetting(env, "SIGN_IN_MAX_FAILURES_PER_ADDRESS", 20, "wholeNumber"),
    windowSeconds: positiveSetting(env, "SIGN_IN_LIMIT_MINUTES", 15, "wholeNumber") * 60,
  };
}

/** Who is signing in: the email as typed (normalized) and the address the request came from, when known. */
export interface SignInAttempter {
  email: string;
  address: string | null;
}

/**
 * Holds the attempts of this email and this address one at a time until the
 * transaction ends, so that attempts sent together cannot all slip under the
 * limit. Emails are always locked before addresses, so two attempts never wait
 * on each other in a circle.
 */
export async function queueSignInAttempt(tx: Transaction, attempter: SignInAttempter): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`sign-in email ${attempter.email}`}, 0))`;
  if (attempter.address) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`sign-in address ${attempter.address}`}, 0))`;
}

/**
 * How many seconds must pass before this email or this address may try again,
 * or 0. A limit of n is reached by n failures in the window; the wait ends when
 * the n-th most recent of them leaves the window.
 */
export async function secondsBeforeNextAttempt(tx: Transaction, attempter: SignInAttempter, now: Date, limits = signInLimits()): Promise<number> {
  const windowStart = new Date(now.getTime() - limits.windowSeconds * 1000);
  const lastSuccess = await tx.signInAttempt.findFirst({
    where: { email: attempter.email, failed: false, at: { gt: windowStart } },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  const accountFailures = await tx.signInAttempt.findMany({
    where: { email: attempter.email, failed: true, at: { gt: lastSuccess?.at ?? windowStart } },
    orderBy: { at: "desc" },
    take: limits.perAccount,
    select: { at: true },
  });
  const addressFailures = attempter.address
    ? await tx.signInAttempt.findMany({
        where: { address: attempter.address, failed: true, at: { gt: windowStart } },
        orderBy: { at: "desc" },
        take: limits.perAddress,
        select: { at: true },
      })
    : [];
  const waitFor = (failures: { at: Date }[], limit: number) =>
    failures.length < limit ? 0 : Math.ceil((failures[limit - 1]!.at.getTime() + limits.windowSeconds * 1000 - now.getTime()) / 1000);
  return Math.max(0, waitFor(accountFailures, limits.perAccount), waitFor(addressFailures, limits.perAddress));
}

/** Counts one attempt whose outcome is known, and forgets attempts older than a day (or the window, if longer). */
export async function countSignInAttempt(tx: Transaction, attempter: SignInAttempter, failed: boolean, now: Date, limits = signInLimits()): Promise<void> {
  await tx.signInAttempt.create({ data: { email: attempter.email, address: attempter.address, failed, at: now } });
  const keepSeconds = Math.max(limits.windowSeconds, 24 * 3600);
  await tx.signInAttempt.deleteMany({ where: { at: { lt: new Date(now.getTime() - keepSeconds * 1000) } } });
}
