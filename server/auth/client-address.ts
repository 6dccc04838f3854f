import "server-only";
import { isIP } from "node:net";
import { positiveSetting } from "../env";

/**
 * The address a request came from, as far as it can be trusted. Next.js
 * reports the connection's address in X-Forwarded-For only when the request
 * carries no such header, and each reverse proxy in front of the app appends
 * the address it saw; so the entry TRUSTED_PROXY_COUNT places from the right
 * (1 by default: no proxy, or one) is the one no client can forge, given that
 * count is right. Null when the header holds no address there.
 */
export function clientAddress(forwardedFor: string | null, env: Record<string, string | undefined> = process.env): string | null {
  const hops = positiveSetting(env, "TRUSTED_PROXY_COUNT", 1, "wholeNumber");
  const entries = (forwardedFor ?? "").split(",").map((entry) => entry.trim());
  const entry = entries[Math.max(0, entries.length - hops)] ?? "";
  // An IPv4 address mapped into IPv6 is the same client.
  const address = entry.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  return isIP(address) ? address : null;
}
