import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";
import { passwordLength } from "../../domain/limits";

// Argon2id with OWASP's recommended minimum cost (19 MiB, 2 passes).
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Spent on unknown emails too, so that the time a sign-in takes does not tell
// whether an account exists.
let dummyHash: Promise<string> | undefined;
export async function spendPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("not-a-real-account-password");
  await verifyPassword(await dummyHash, password);
}

// The 49,000 most common passwords of zxcvbn-ts's common dictionary (all in
// lower case), read once on first use.
let commonPasswords: Set<string> | undefined;
function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary["passwords-common"]);
  return commonPasswords.has(password.toLowerCase());
}

/** Every password that is set (by its owner or an admin): `passwordLength` characters and not a common one. */
export const newPassword = z
  .string()
  .min(passwordLength.minimum)
  .max(passwordLength.maximum)
  .refine((password) => !isCommonPassword(password), { message: "passwordTooCommon" });
