import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "../../components/safe-callback";

const origin = "https://tracker.example";
const controlCharacter = /[\u0000-\u001f\u007f]/;

describe("the path followed after sign-in", () => {
  it("keeps a path on this site", () => {
    expect(safeCallbackPath("/milestones/abc?x=1#history", origin)).toBe("/milestones/abc?x=1#history");
    expect(safeCallbackPath("/rounds", origin)).toBe("/rounds");
  });

  it("keeps an address of this origin as its path", () => {
    expect(safeCallbackPath("https://tracker.example/rounds?open=1", origin)).toBe("/rounds?open=1");
  });

  it("never leads to another site or back to sign-in", () => {
    const hostile = [
      "https://evil.example/",
      "//evil.example/",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example/phish",
      "\t//evil.example",
      " //evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "http://tracker.example/",
      "https://tracker.example.evil.example/",
      "https://tracker.example@evil.example/",
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "/signin",
      "/signin?callbackUrl=/rounds",
      "https://tracker.example/signin",
      "",
      undefined,
      null,
      ["/rounds", "//evil.example"],
    ];
    for (const value of hostile) expect(safeCallbackPath(value, origin), JSON.stringify(value)).toBe("/");
  });

  it("never gives back a control character, which a browser would drop from the address it follows", () => {
    for (const value of ["/rounds\n/evil", "/a\tb", "/a\u0001b?c=\u007f", "/a#\u0000"]) {
      const path = safeCallbackPath(value, origin);
      expect(path, JSON.stringify(value)).toMatch(/^\/(?!\/)/);
      expect(path, JSON.stringify(value)).not.toMatch(controlCharacter);
    }
  });
});
