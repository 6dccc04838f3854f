import { isArgumentElement, isLiteralElement, isPluralElement, isSelectElement, isTagElement, parse, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
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

/** The literal text of a message, and the names of its placeholders written without a type ({name} rather than {name, number}). */
function partsOf(elements: MessageFormatElement[]): { text: string[]; untyped: string[] } {
  const parts = { text: [] as string[], untyped: [] as string[] };
  for (const element of elements) {
    if (isLiteralElement(element)) parts.text.push(element.value);
    else if (isArgumentElement(element)) parts.untyped.push(element.value);
    const nested = isTagElement(element) ? [element.children] : isPluralElement(element) || isSelectElement(element) ? Object.values(element.options).map((option) => option.value) : [];
    for (const inner of nested.map(partsOf)) {
      parts.text.push(...inner.text);
      parts.untyped.push(...inner.untyped);
    }
  }
  return parts;
}

// A number written into a message is not formatted for its locale ("5,000" in
// Spanish is "5000", and 49000 is "49.000"); a plain {placeholder} given a
// number prints its digits as they are. Digits inside a name are no number:
// P1, UTF-8, /api/v1.
const handWrittenNumber = /(?<![\p{L}\d_/-])\d/u;
// A placeholder of one of these names is always given a number or a count.
const numericPlaceholders = new Set(["actual", "count", "days", "edition", "expected", "first", "firstRow", "kilobytes", "last", "line", "maximum", "megabytes", "minimum", "minutes", "number", "page", "pages", "published", "rows", "seconds", "submitted", "total"]);
// The forms of "tú": its pronouns and possessives, and the verb forms the catalogue once used.
const informalSpanish = /(?<!\p{L})(tú|tu|tus|te|ti|contigo|tuy[oa]s?|puedes|pierdes|inicias|tienes|debes|quieres|estás|eres|configúralo|guárdalos|entrégala|desactívalas|reactívalas)(?!\p{L})/iu;

describe("Spanish and English messages", () => {
  const messages = keysOf(en).map((key) => ({ key, en: partsOf(parse(String(valueAt(en, key)))), es: partsOf(parse(String(valueAt(es, key)))) }));

  it("write no number or date by hand: every number goes through the locale's number or date format", () => {
    const handWritten = messages.flatMap(({ key, en: english, es: spanish }) =>
      (["en", "es"] as const).flatMap((language) => {
        const parts = language === "en" ? english : spanish;
        return [
          ...parts.text.filter((text) => handWrittenNumber.test(text)).map((text) => `${language} ${key}: ${text}`),
          ...parts.untyped.filter((name) => numericPlaceholders.has(name)).map((name) => `${language} ${key}: {${name}} without a number format`),
        ];
      }),
    );
    expect(handWritten).toEqual([]);
  });

  it("address the reader as usted throughout the Spanish, never as tú", () => {
    const informal = messages.flatMap(({ key, es: spanish }) => spanish.text.filter((text) => informalSpanish.test(text)).map((text) => `${key}: ${text}`));
    expect(informal).toEqual([]);
  });
});
