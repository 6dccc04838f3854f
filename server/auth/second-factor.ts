import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { recordAudit } from "../audit";
import type { Transaction } from "../db/client";
import { Role } from "../db/generated/enums";
import { secondFactorKey } from "./second-factor-key";

// The TOTP second factor (RFC 6238: 6 digits, 30-second steps, SHA-1, the
// parameters every authenticator app reads from a QR code) and its one-time
// recovery codes.

const issuer = "Four-Pillar Tracker";
const period = 30;
const recoveryCodeCount = 10;

/** Roles that must have a second factor: TOTP_REQUIRED_ROLES, "admin,manager" unless set ("" for none). */
function secondFactorRequiredRoles(env: Record<string, string | undefined> = process.env): Role[] {
  const names = (env.TOTP_REQUIRED_ROLES ?? "admin,manager").split(",").map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(name in Role));
  if (unknown.length > 0) throw new Error(`TOTP_REQUIRED_ROLES names no role "${unknown.join('", "')}"; the roles are ${Object.keys(Role).join(", ")}.`);
  return names as Role[];
}

export function mustHaveSecondFactor(roles: readonly Role[]): boolean {
  const required = secondFactorRequiredRoles();
  return roles.some((role) => required.includes(role));
}

// ---------------------------------------------------------------------------
// The secret at rest: AES-256-GCM under a key derived from TOTP_ENCRYPTION_KEY
// (or NEXTAUTH_SECRET), so that a copy of the database alone yields no codes.
// ---------------------------------------------------------------------------

function encryptionKey(): Buffer {
  const material = process.env.TOTP_ENCRYPTION_KEY || process.env.NEXTAUTH_SECRET;
  if (!material) throw new Error("Set TOTP_ENCRYPTION_KEY or NEXTAUTH_SECRET: second-factor secrets are stored encrypted.");
  return secondFactorKey(material);
}

export function encryptSecret(base32: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  const sealed = Buffer.concat([cipher.update(base32, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url")}`;
}

/**
 * The secret, or null when the key in force cannot read it: it was encrypted
 * under another key (a database restored without the key it was backed up
 * with), and only a recovery code or an admin's reset gets its owner in.
 */
export function decryptSecret(stored: string): string | null {
  const packed = Buffer.from(stored.replace(/^v1\./, ""), "base64url");
  try {
    const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), packed.subarray(0, 12));
    decipher.setAuthTag(packed.subarray(12, 28));
    return Buffer.concat([decipher.update(packed.subarray(28)), decipher.final()]).toString("utf8");
  } catch (error) {
    // GCM's authentication failure; anything else (no key set at all) is not the secret's fault.
    if (error instanceof Error && /unable to authenticate data|invalid authentication tag/i.test(error.message)) return null;
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Codes
// ---------------------------------------------------------------------------

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secret: string, accountName: string): string {
  return new TOTP({ issuer, label: accountName, secret: Secret.fromBase32(secret), period }).toString();
}

/**
 * The time step whose code this is (the current one or either neighbour, for
 * clocks a little apart), or null. The caller refuses a step already used.
 */
export function matchTotp(secret: string, code: string, now: Date): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = new TOTP({ secret: Secret.fromBase32(secret), period }).validate({ token, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / period) + delta;
}

// Crockford's base 32: no I, L, O or U to misread.
const recoveryAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Ten codes of 60 random bits each, written XXXX-XXXX-XXXX. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: recoveryCodeCount }, () => {
    const characters = [...randomBytes(12)].map((byte) => recoveryAlphabet[byte % 32]).join("");
    return characters.match(/.{4}/g)!.join("-");
  });
}

/**
 * A recovery code's stored form. The codes are random and long, so a fast hash
 * keeps them safe and lets sign-in find one by its hash.
 */
export function hashRecoveryCode(code: string): string {
  const normalized = code.toUpperCase().replace(/[\s-]/g, "");
  return createHash("sha256").update(normalized).digest("hex");
}

// ---------------------------------------------------------------------------
// Spending a code
// ---------------------------------------------------------------------------

/** "unreadable": not a recovery code, and the key in force cannot read the TOTP secret to check the code. */
export type SpentCode = "spent" | "rejected" | "unreadable";

/**
 * Accepts a current TOTP code of the user's active second factor or one of
 * their unused recovery codes, and uses it up: a TOTP step is never accepted
 * twice, a recovery code only once (with an audit event).
 */
export async function spendSecondFactorCode(tx: Transaction, userId: string, code: string, now: Date): Promise<SpentCode> {
  const factor = await tx.secondFactor.findUnique({ where: { userId } });
  if (!factor?.confirmedAt) return "rejected";
  const secret = decryptSecret(factor.secret);
  const step = secret === null ? null : matchTotp(secret, code, now);
  if (step !== null) {
    const spent = await tx.secondFactor.updateMany({
      where: { userId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
      data: { lastUsedStep: step },
    });
    return spent.count === 1 ? "spent" : "rejected";
  }
  const used = await tx.recoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(code), usedAt: null }, data: { usedAt: now } });
  if (used.count !== 1) return secret === null ? "unreadable" : "rejected";
  await recordAudit(tx, { id: userId }, { action: "user.recoveryCode.use", entityType: "User", entityId: userId });
  return "spent";
}
