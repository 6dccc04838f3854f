import { describe, expect, it } from "vitest";
import { clientAddress } from "../../server/auth/client-address";

// scripts/serve.mjs appends the connection's address to X-Forwarded-For, so
// the header's last entry is always the connection's own.
describe("the address a sign-in attempt is counted against", () => {
  it("is the connection's address when no proxy is in front, whatever the client wrote before it", () => {
    expect(clientAddress("203.0.113.7", {})).toBe("203.0.113.7");
    expect(clientAddress("10.9.9.9, 203.0.113.7", {})).toBe("203.0.113.7");
    expect(clientAddress("::ffff:127.0.0.1", {})).toBe("127.0.0.1");
    expect(clientAddress("2001:db8::1", { TRUSTED_PROXY_COUNT: "0" })).toBe("2001:db8::1");
  });

  it("is the entry the trusted proxies appended, never what the client wrote before it", () => {
    expect(clientAddress("10.9.9.9, 203.0.113.7, 192.0.2.1", { TRUSTED_PROXY_COUNT: "1" })).toBe("203.0.113.7");
    expect(clientAddress("10.9.9.9, 203.0.113.7, 192.0.2.1, 192.0.2.2", { TRUSTED_PROXY_COUNT: "2" })).toBe("203.0.113.7");
  });

  it("is unknown when the header holds no address there", () => {
    expect(clientAddress(null, {})).toBeNull();
    expect(clientAddress("", {})).toBeNull();
    expect(clientAddress("<script>", {})).toBeNull();
  });

  it("refuses a TRUSTED_PROXY_COUNT that is not a whole number from 0", () => {
    expect(() => clientAddress("203.0.113.7", { TRUSTED_PROXY_COUNT: "-1" })).toThrow(/TRUSTED_PROXY_COUNT must be a whole number from 0/);
    expect(() => clientAddress("203.0.113.7", { TRUSTED_PROXY_COUNT: "two" })).toThrow(/TRUSTED_PROXY_COUNT/);
  });
});
