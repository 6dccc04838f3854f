import { createHmac, hkdfSync } from "node:crypto";

// The key second-factor secrets are encrypted under, and its fingerprint: a
// backup records the fingerprint so that a restore can tell whether the
// secrets it brings back can be read by the key now in force. The fingerprint
// is an HMAC under the key, so it reveals nothing of the key itself.

/** Where the key's material comes from; `.data/auth-secret` is the NEXTAUTH_SECRET `npm start` keeps when none is set. */
export type SecondFactorKeySource = "TOTP_ENCRYPTION_KEY" | "NEXTAUTH_SECRET" | ".data/auth-secret";

export interface SecondFactorKeyFingerprint {
  source: SecondFactorKeySource;
  fingerprint: string;
}

/** The AES-256 key derived from TOTP_ENCRYPTION_KEY (or NEXTAUTH_SECRET). */
export function secondFactorKey(material: string): Buffer {
  return Buffer.from(hkdfSync("sha256", material, "", "tracker second-factor secret", 32));
}

export function secondFactorKeyFingerprint(material: string, source: SecondFactorKeySource): SecondFactorKeyFingerprint {
  const fingerprint = createHmac("sha256", secondFactorKey(material)).update("tracker key fingerprint v1").digest("hex").slice(0, 16);
  return { source, fingerprint };
}
