import "server-only";

/**
 * A positive number read from an environment variable, or `fallback` when it
 * is unset or blank. Anything else stops the caller with a message naming the
 * variable, so that a typo in the configuration never passes as a default.
 */
export function positiveSetting(env: Record<string, string | undefined>, name: string, fallback: number, kind: "number" | "wholeNumber" = "number"): number {
  const value = env[name];
  if (value === undefined || value.trim() === "") return fallback;
  const number = Number(value);
  const fits = kind === "wholeNumber" ? Number.isInteger(number) : Number.isFinite(number);
  if (!fits || number <= 0) throw new Error(`${name} must be a positive ${kind === "wholeNumber" ? "whole number" : "number"}; it is "${value}".`);
  return number;
}

/** A whole number from 0 read from an environment variable, or `fallback` when it is unset or blank; anything else stops the caller. */
export function countSetting(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value.trim() === "") return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`${name} must be a whole number from 0; it is "${value}".`);
  return number;
}

/**
 * The tracker's public origin: that of NEXTAUTH_URL, which next-auth signs in
 * under (npm start sets it; `next dev` serves http://localhost:3000).
 */
export function publicOrigin(env: Record<string, string | undefined> = process.env): string {
  return new URL(env.NEXTAUTH_URL || "http://localhost:3000").origin;
}
