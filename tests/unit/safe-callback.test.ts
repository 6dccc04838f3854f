import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "../../components/safe-callback";

describe("the path followed after sign-in", () => {
  it("keeps a path on this site", () => {
    expect(safeCallbackPath("/milestones/abc?x=1")).toBe("/milestones/abc?x=1");
  });

  it("never leads to another site or back to sign-in", () => {
    for (const hostile of ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", "/signin", "", undefined]) {
      expect(safeCallbackPath(hostile)).toBe("/");
    }
  });
});
