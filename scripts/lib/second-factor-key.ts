// The second-factor key the tracker will use, found as `npm start` finds it:
// TOTP_ENCRYPTION_KEY, else NEXTAUTH_SECRET, else the secret npm start keeps in
// .data/auth-secret. Backups record its fingerprint; restores compare it.
import { readFile } from "node:fs/promises";
import { secondFactorKeyFingerprint, type SecondFactorKeyFingerprint } from "../../server/auth/second-factor-key";
import { authSecretFile } from "./app-database";

export async function secondFactorKeyInForce(env: NodeJS.ProcessEnv = process.env, file = authSecretFile): Promise<SecondFactorKeyFingerprint | null> {
  if (env.TOTP_ENCRYPTION_KEY) return secondFactorKeyFingerprint(env.TOTP_ENCRYPTION_KEY, "TOTP_ENCRYPTION_KEY");
  if (env.NEXTAUTH_SECRET) return secondFactorKeyFingerprint(env.NEXTAUTH_SECRET, "NEXTAUTH_SECRET");
  const kept = await readFile(file, "utf8").then((text) => text.trim(), () => "");
  return kept ? secondFactorKeyFingerprint(kept, ".data/auth-secret") : null;
}
