import "server-only";
import { isIP } from "node:net";
import { countSetting } from "../env";

/**
 * The address a request came from, as far as it can be trusted. The server
 * (scripts/serve.mjs) appends the connection's own address to X-Forwarded-For,
 * and each reverse proxy in front of it appends the address it saw before
 * that; so the entry TRUSTED_PROXY_COUNT places left of the last one (0 by
 * default: no proxy, the connection's address) is the one no client can
 * forge, given that count is right. Null when the header holds no address there.
 */
export function clientAddress(forwardedFor: string | null, env: Record<string, string | undefined> = process.env): string | null {
  const hops = countSetting(env, "TRUSTED_PROXY_COUNT", 0);
  const entries = (forwardedFor ?? "").split(",").map((entry) => entry.trim());
  const entry = entries[Math.max(0, entries.length - 1 - hops)] ?? "";
  // An IPv4 address mapped into IPv6 is the same client.
  const address = entry.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  return isIP(address) ? address : null;
}
