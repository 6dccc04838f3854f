import { describe, expect, it } from "vitest";
import { clientAddress } from "../../server/auth/client-address";

describe("the address a sign-in attempt is counted against", () => {
  it("is the connection's address that Next.js reports when no proxy is in front", () => {
    expect(clientAddress("203.0.113.7", {})).toBe("203.0.113.7");
    expect(clientAddress("::ffff:127.0.0.1", {})).toBe("127.0.0.1");
    expect(clientAddress("2001:db8::1", {})).toBe("2001:db8::1");
  });

  it("is the entry the trusted proxies appended, never what the client wrote before it", () => {
    expect(clientAddress("10.9.9.9, 203.0.113.7", {})).toBe("203.0.113.7");
    expect(clientAddress("10.9.9.9, 203.0.113.7, 192.0.2.1", { TRUSTED_PROXY_COUNT: "2" })).toBe("203.0.113.7");
  });

  it("is unknown when the header holds no address there", () => {
    expect(clientAddress(null, {})).toBeNull();
    expect(clientAddress("", {})).toBeNull();
    expect(clientAddress("<script>", {})).toBeNull();
  });

  it("refuses a TRUSTED_PROXY_COUNT that is not a whole number from 1", () => {
    expect(() => clientAddress("203.0.113.7", { TRUSTED_PROXY_COUNT: "0" })).toThrow(/TRUSTED_PROXY_COUNT/);
    expect(() => clientAddress("203.0.113.7", { TRUSTED_PROXY_COUNT: "two" })).toThrow(/TRUSTED_PROXY_COUNT/);
  });
});
