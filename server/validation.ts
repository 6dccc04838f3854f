import "server-only";
import { z } from "zod";
import { ValidationError, type FieldIssue } from "./errors";

/**
 * Parses input with its schema or throws a ValidationError naming, per field,
 * message keys that the pages and the API translate (messages/*.json,
 * `validation.*`), so that no English sentence is baked into a schema. Text
 * the database cannot store as sent is refused here, for every schema, and
 * each field a strict schema does not have is an error of its own, under its
 * name (a misspelt `publishedAt` is refused, not dropped in silence).
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, raw: unknown): z.output<Schema> {
  const result = schema.safeParse(raw, { reportInput: true });
  const unstorable = unstorableTextFields(raw);
  if (result.success && unstorable.length === 0) return result.data;
  // A Map, so that a field named __proto__ or constructor is a field like any other.
  const fieldErrors = new Map<string, FieldIssue[]>();
  const add = (field: string, issue: FieldIssue) => fieldErrors.set(field, [...(fieldErrors.get(field) ?? []), issue]);
  for (const issue of result.error?.issues ?? []) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add(fieldName([...issue.path, key]), { code: "unknownField", values: { field: key } });
    } else add(fieldName(issue.path), toFieldIssue(issue));
  }
  for (const field of unstorable) add(field, { code: "unstorableText" });
  throw new ValidationError(Object.fromEntries(fieldErrors));
}

/**
 * Whether PostgreSQL stores this text exactly as it is: not with a NUL
 * character (text columns refuse it) nor a lone UTF-16 surrogate (it has no
 * UTF-8 form and would be stored as another character).
 */
export function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && text.isWellFormed();
}

/**
 * The fields of a request whose text is not storable, walked without
 * recursion so that no nesting depth of a request body can overflow the stack.
 */
function unstorableTextFields(raw: unknown): string[] {
  interface Visit {
    value: unknown;
    key: string | null;
    parent: Visit | null;
  }
  // Paths are spelled only for the fields found, so that deep nesting costs no more than its size.
  const pathOf = (visit: Visit): string => {
    const keys: string[] = [];
    for (let at: Visit | null = visit; at && at.key !== null; at = at.parent) keys.push(at.key);
    return keys.length > 0 ? keys.reverse().join(".") : "_form";
  };
  const fields: string[] = [];
  const pending: Visit[] = [{ value: raw, key: null, parent: null }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const { value } = visit;
    if (typeof value === "string") {
      if (!isStorableText(value)) fields.push(pathOf(visit));
    } else if (typeof value === "object" && value !== null) {
      for (const [key, item] of Object.entries(value)) pending.push({ value: item, key, parent: visit });
    }
  }
  return fields;
}

const fieldName = (path: readonly PropertyKey[]) => (path.length > 0 ? path.map(String).join(".") : "_form");

function toFieldIssue(issue: z.core.$ZodIssue): FieldIssue {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined || issue.input === null ? { code: "required" } : { code: "invalidType", values: { type: issue.expected } };
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) <= 1) return { code: "required" };
      return { code: issue.origin === "string" ? "tooShort" : "tooSmall", values: { minimum: Number(issue.minimum) } };
    case "too_big":
      return { code: issue.origin === "string" ? "tooLong" : "tooBig", values: { maximum: Number(issue.maximum) } };
    case "invalid_format":
      return { code: formatCodes[issue.format] ?? "invalidFormat" };
    case "invalid_value":
      return { code: "invalidChoice" };
    case "custom":
      return { code: issue.message || "invalid", ...(issue.params ? { values: issue.params as FieldIssue["values"] } : {}) };
    default:
      return { code: "invalid" };
  }
}

const formatCodes: Record<string, string> = { email: "invalidEmail", url: "invalidUrl", date: "invalidDate", regex: "invalidFormat" };

// Building blocks shared by the input schemas. Forms send every field as a
// string, JSON sends typed values; both go through the same schema.

/** A blank form field, or a JSON null, as no value. */
export const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "") || value === null ? undefined : value;

/** An opaque record id (cuid) as it appears in a path, a form or JSON. */
export const recordId = z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * A required calendar date, YYYY-MM-DD, in the years a plan can name:
 * PostgreSQL has no year 0, and a year like 0202 is a slip of the keyboard.
 */
const earliestDate = "1900-01-01";
const latestDate = "2999-12-31";
export const calendarDate = z.iso.date().refine((date) => date >= earliestDate && date <= latestDate, {
  message: "dateOutOfRange",
  // Times, which the message formats as dates of the reader's language.
  params: { earliest: Date.parse(earliestDate), latest: Date.parse(latestDate) },
  when: (payload) => payload.issues.length === 0,
});

/** An optional calendar date; a blank form field means none. */
export const optionalCalendarDate = z.preprocess(blankToUndefined, calendarDate.optional());

/** Optional text; a blank form field means none. */
export const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

/** The Spanish version of a plan text (its English is required): a blank form field means none yet (null). */
export const spanishVersion = (max: number) => optionalText(max).transform((value) => value ?? null);

/** Optional record id; a blank form field means none. */
export const optionalRecordId = z.preprocess(blankToUndefined, recordId.optional());

/** The page of a paged list, from 1; given as a number or as digits, a blank form field means the first. */
export const optionalPageNumber = z.preprocess(
  (value) => (value === "" ? undefined : typeof value === "string" && /^\d{1,6}$/.test(value.trim()) ? Number(value) : value),
  z.number().int().min(1).max(100_000).optional(),
);

/** The version a client saw, for the optimistic concurrency check: a whole number ≥ 1, given as a number or as digits. */
export const versionSeen = z.preprocess(
  (value) => (typeof value === "string" && /^\d{1,9}$/.test(value.trim()) ? Number(value) : value),
  z.number().int().min(1).max(2_147_483_647),
);

/** Today's date in UTC as YYYY-MM-DD. */
export function todayIso(): string {
  return isoDate(new Date());
}

/** A calendar date string as the Date Prisma stores in a DATE column. */
export function dateOnly(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** A DATE column's value as YYYY-MM-DD. */
export function isoDate(date: Date): string;
export function isoDate(date: Date | null | undefined): string | null;
export function isoDate(date: Date | null | undefined): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}
