import { describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import es from "../../messages/es.json";
import {
  Advances,
  ApiTokenScope,
  AssessmentKind,
  AssessmentState,
  DelayCause,
  EvidenceKind,
  EvidenceShows,
  LeadParty,
  Locale,
  MilestoneStatus,
  Reliability,
  Results,
  Role,
} from "../../server/db/generated/enums";

function keysOf(messages: object, prefix = ""): string[] {
  return Object.entries(messages as Record<string, unknown>).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function valueAt(messages: object, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
}

// Where the name of each value of an enumeration the pages show is kept.
const enumerationMessages: [string, Record<string, string>][] = [
  ["roles", Role],
  ["status", MilestoneStatus],
  ["cause", DelayCause],
  ["leadParty", LeadParty],
  ["evidenceKind", EvidenceKind],
  ["evidenceShows", EvidenceShows],
  ["reliability", Reliability],
  ["advances", Advances],
  ["results", Results],
  ["assessment.kind", AssessmentKind],
  ["assessment.state", AssessmentState],
  ["profile.apiTokens.scopes", ApiTokenScope],
  ["languages", Locale],
];

describe("message files", () => {
  it("give English and Spanish the same keys", () => {
    expect(keysOf(es).sort()).toEqual(keysOf(en).sort());
  });

  it("leave no message empty and keep the same placeholders in both languages", () => {
    for (const key of keysOf(en)) {
      const english = String(valueAt(en, key));
      const spanish = String(valueAt(es, key));
      expect(english.trim(), key).not.toBe("");
      expect(spanish.trim(), key).not.toBe("");
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]).sort();
      expect(placeholders(spanish), key).toEqual(placeholders(english));
    }
  });

  it("name every value of every enumeration the pages show, in English and in Spanish", () => {
    for (const [namespace, values] of enumerationMessages) {
      for (const value of Object.values(values)) {
        expect(valueAt(en, `${namespace}.${value}`), `en ${namespace}.${value}`).toEqual(expect.any(String));
        expect(valueAt(es, `${namespace}.${value}`), `es ${namespace}.${value}`).toEqual(expect.any(String));
      }
    }
  });
});
