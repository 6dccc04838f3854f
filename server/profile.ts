import "server-only";
import QRCode from "qrcode";
import { z } from "zod";
import { recordAudit } from "./audit";
import { hashPassword, newPassword, verifyPassword } from "./auth/password";
import {
  decryptSecret,
  encryptSecret,
  hashRecoveryCode,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  spendSecondFactorCode,
  totpUri,
} from "./auth/second-factor";
import { endAllSessions } from "./auth/sessions";
import { db } from "./db/client";
import { ConflictError, ValidationError } from "./errors";
import { sendToSignIn } from "./pages";
import { ensure, type Actor } from "./permissions";
import { getAccount } from "./session";
import type { Account } from "./users";
import { parseInput } from "./validation";

// What every signed-in person does to their own account: change their
// password, end all their sessions, set up or remove the TOTP second factor.
// Each takes the actor of the session and acts on that account only.

/** The account of the profile page, even while it owes its second factor; anyone not signed in is sent to sign in. */
export async function accountForPage(): Promise<Account> {
  return (await getAccount()) ?? sendToSignIn("/profile");
}

interface PendingEnrolment {
  secret: string;
  uri: string;
  /** The otpauth:// address as an SVG QR code, for an <img> data URL. */
  qrSvg: string;
}

/** The profile's figures. An enrolled secret is never read back; only one still awaiting its first code is shown. */
export async function getProfile(actor: Actor) {
  ensure(actor, "profile.update");
  const user = await db().user.findUniqueOrThrow({
    where: { id: actor.id },
    select: {
      agency: { select: { code: true, name: true } },
      secondFactor: { select: { secret: true, confirmedAt: true } },
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
    },
  });
  const factor = user.secondFactor;
  let pending: PendingEnrolment | null = null;
  // A pending secret the key in force cannot read is not shown: starting again replaces it.
  const secret = factor && !factor.confirmedAt ? decryptSecret(factor.secret) : null;
  if (secret !== null) {
    const uri = totpUri(secret, actor.email);
    pending = { secret, uri, qrSvg: await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 }) };
  }
  return {
    agency: user.agency,
    secondFactorEnrolled: !!factor?.confirmedAt,
    recoveryCodesLeft: user._count.recoveryCodes,
    pending,
  };
}

export const passwordChangeInput = z
  .strictObject({
    currentPassword: z.string().min(1).max(1024),
    newPassword,
    confirmPassword: z.string().max(1024),
  })
  .refine((input) => input.newPassword === input.confirmPassword, { path: ["confirmPassword"], message: "passwordMismatch" });

/**
 * Sets a new password once the current one is given. Every session of the
 * account ends with it, this one too, so a password that leaked stops working everywhere.
 */
export async function changePassword(actor: Actor, raw: unknown): Promise<void> {
  ensure(actor, "profile.update");
  const input = parseInput(passwordChangeInput, raw);
  const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!passwordHash || !(await verifyPassword(passwordHash, input.currentPassword))) {
    throw new ValidationError({ currentPassword: [{ code: "wrongPassword" }] });
  }
  const newHash = await hashPassword(input.newPassword);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash: newHash, sessionVersion: { increment: 1 } } });
    await endAllSessions(tx, actor.id);
    await recordAudit(tx, actor, { action: "user.password.change", entityType: "User", entityId: actor.id });
  });
}

/** Signs the account out everywhere, this browser included. */
export async function endAllMySessions(actor: Actor): Promise<void> {
  ensure(actor, "profile.update");
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { sessionVersion: { increment: 1 } } });
    await endAllSessions(tx, actor.id);
    await recordAudit(tx, actor, { action: "user.sessions.end", entityType: "User", entityId: actor.id });
  });
}

/** A new secret awaiting its first code; it replaces one still awaiting, never an active one. */
export async function startSecondFactorEnrolment(actor: Actor): Promise<void> {
  ensure(actor, "profile.update");
  const secret = encryptSecret(newTotpSecret());
  await db().$transaction(async (tx) => {
    const existing = await tx.secondFactor.findUnique({ where: { userId: actor.id }, select: { confirmedAt: true } });
    if (existing?.confirmedAt) throw new ConflictError("secondFactorEnrolled");
    await tx.secondFactor.upsert({ where: { userId: actor.id }, create: { userId: actor.id, secret }, update: { secret, lastUsedStep: null } });
    await recordAudit(tx, actor, { action: "user.secondFactor.start", entityType: "User", entityId: actor.id });
  });
}

export const secondFactorCodeInput = z.strictObject({ code: z.string().trim().min(1).max(64) });

/**
 * Turns the second factor on with a first correct code and answers the
 * recovery codes, in clear this once; only their hashes are kept.
 */
export async function confirmSecondFactor(actor: Actor, raw: unknown, now = new Date()): Promise<string[]> {
  ensure(actor, "profile.update");
  const { code } = parseInput(secondFactorCodeInput, raw);
  const recoveryCodes = newRecoveryCodes();
  await db().$transaction(async (tx) => {
    const factor = await tx.secondFactor.findUnique({ where: { userId: actor.id } });
    if (!factor) throw new ConflictError("secondFactorNotStarted");
    if (factor.confirmedAt) throw new ConflictError("secondFactorEnrolled");
    const secret = decryptSecret(factor.secret);
    const step = secret === null ? null : matchTotp(secret, code, now);
    if (step === null) throw new ValidationError({ code: [{ code: "codeRejected" }] });
    // Only while still unconfirmed: of two confirmations at once, the later one
    // finds it confirmed and is refused, instead of replacing the recovery codes the first has shown.
    const confirmed = await tx.secondFactor.updateMany({ where: { userId: actor.id, confirmedAt: null }, data: { confirmedAt: now, lastUsedStep: step } });
    if (confirmed.count === 0) throw new ConflictError("secondFactorEnrolled");
    await tx.recoveryCode.deleteMany({ where: { userId: actor.id } });
    await tx.recoveryCode.createMany({ data: recoveryCodes.map((recoveryCode) => ({ userId: actor.id, codeHash: hashRecoveryCode(recoveryCode) })) });
    await recordAudit(tx, actor, { action: "user.secondFactor.enable", entityType: "User", entityId: actor.id });
  });
  return recoveryCodes;
}

export const secondFactorRemovalInput = z.strictObject({ proof: z.string().min(1).max(1024) });

/** Removes the second factor and its recovery codes, given the password, a current code or a recovery code. */
export async function removeSecondFactor(actor: Actor, raw: unknown, now = new Date()): Promise<void> {
  ensure(actor, "profile.update");
  const { proof } = parseInput(secondFactorRemovalInput, raw);
  const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: actor.id }, select: { passwordHash: true } });
  const passwordGiven = !!passwordHash && (await verifyPassword(passwordHash, proof));
  await db().$transaction(async (tx) => {
    const factor = await tx.secondFactor.findUnique({ where: { userId: actor.id }, select: { confirmedAt: true } });
    if (!factor?.confirmedAt) throw new ConflictError("secondFactorNotEnrolled");
    if (!passwordGiven && (await spendSecondFactorCode(tx, actor.id, proof, now)) !== "spent") {
      throw new ValidationError({ proof: [{ code: "proofRejected" }] });
    }
    await tx.recoveryCode.deleteMany({ where: { userId: actor.id } });
    await tx.secondFactor.delete({ where: { userId: actor.id } });
    await recordAudit(tx, actor, { action: "user.secondFactor.disable", entityType: "User", entityId: actor.id });
  });
}
