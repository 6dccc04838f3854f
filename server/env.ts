import "server-only";
import { z } from "zod";

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

// An origin as a browser sends it in a frame's ancestry: scheme, host and
// port only. A path, a wildcard or a CSP keyword would widen or break the
// frame-ancestors directive it is written into, so they are refused.
const embedOrigin = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && !url.hostname.includes("*") && url.origin === value;
    } catch {
      return false;
    }
  }, "is not an origin such as https://news.example.org (a scheme, a host and a port if any, no path)");

/**
 * EMBED_ALLOWED_ORIGINS: the sites that may show the embeddable cards
 * (/embed/…) in a frame, as comma-separated origins; unset or blank, none may.
 * Anything else stops the caller with a message naming the variable and the
 * entry, so that a typo never opens the cards to every site or to none unseen.
 */
export function embedAllowedOrigins(env: Record<string, string | undefined> = process.env): string[] {
  const value = env.EMBED_ALLOWED_ORIGINS ?? "";
  if (value.trim() === "") return [];
  const entries = value.split(",").map((entry) => entry.trim());
  const refused = entries.flatMap((entry) => {
    const parsed = embedOrigin.safeParse(entry);
    return parsed.success ? [] : [`"${entry}" ${parsed.error.issues[0]!.message}`];
  });
  if (refused.length > 0) throw new Error(`EMBED_ALLOWED_ORIGINS must be comma-separated origins: ${refused.join("; ")}.`);
  return [...new Set(entries)];
}

/**
 * DATABASE_REPLICA_URL: a PostgreSQL streaming from the one DATABASE_URL
 * names, which the pages' reads may use; null when unset or blank. Anything
 * but a postgres:// or postgresql:// URL stops the caller with a message
 * naming the variable, so that a typo never passes for "no replica".
 */
export function databaseReplicaUrl(env: Record<string, string | undefined> = process.env): string | null {
  const value = env.DATABASE_REPLICA_URL ?? "";
  if (value.trim() === "") return null;
  let protocol: string | null = null;
  try {
    protocol = new URL(value.trim()).protocol;
  } catch {
    // Not a URL at all: refused below, without echoing what may hold a password.
  }
  if (protocol !== "postgres:" && protocol !== "postgresql:") {
    throw new Error("DATABASE_REPLICA_URL must be a PostgreSQL URL, postgresql://user:password@host:5432/database (as DATABASE_URL).");
  }
  return value.trim();
}
