import { describe, expect, it } from "vitest";
import { planTextIn, planTextString } from "../../domain/plan-text";

describe("a plan text in a page's language", () => {
  it("shows the Spanish on a Spanish page and the English on an English one", () => {
    const text = { en: "Border crossings modernized", es: "Cruces fronterizos modernizados" };
    expect(planTextIn(text, "es")).toEqual({ text: "Cruces fronterizos modernizados", lang: "es", fallback: false });
    expect(planTextIn(text, "en")).toEqual({ text: "Border crossings modernized", lang: "en", fallback: false });
  });

  it("falls back to the English on a Spanish page while there is no Spanish, marked as not the page's language", () => {
    expect(planTextIn({ en: "Border crossings modernized", es: null }, "es")).toEqual({ text: "Border crossings modernized", lang: "en", fallback: true });
    expect(planTextString("Border crossings modernized", undefined, "es")).toBe("Border crossings modernized");
  });
});
