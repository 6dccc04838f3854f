import "server-only";
import { z } from "zod";
import { ValidationError, type FieldErrors, type FieldIssue } from "./errors";

/**
 * Parses input with its schema or throws a ValidationError naming, per field,
 * message keys that the pages and the API translate (messages/*.json,
 * `validation.*`), so that no English sentence is baked into a schema.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, raw: unknown): z.output<Schema> {
  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "_form";
    (fieldErrors[field] ??= []).push(toFieldIssue(issue));
  }
  throw new ValidationError(fieldErrors);
}

function toFieldIssue(issue: z.core.$ZodIssue): FieldIssue {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined || issue.input === null ? { code: "required" } : { code: "invalidType", values: { expected: issue.expected } };
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) <= 1) return { code: "required" };
      return { code: issue.origin === "string" ? "tooShort" : "tooSmall", values: { minimum: Number(issue.minimum) } };
    case "too_big":
      return { code: issue.origin === "string" ? "tooLong" : "tooBig", values: { maximum: Number(issue.maximum) } };
    case "invalid_format":
      return { code: formatCodes[issue.format] ?? "invalidFormat" };
    case "invalid_value":
      return { code: "invalidChoice" };
    case "unrecognized_keys":
      return { code: "unknownField" };
    case "custom":
      return { code: issue.message || "invalid" };
    default:
      return { code: "invalid" };
  }
}

const formatCodes: Record<string, string> = { email: "invalidEmail", url: "invalidUrl", date: "invalidDate", regex: "invalidFormat" };

// Building blocks shared by the input schemas. Forms send every field as a
// string, JSON sends typed values; both go through the same schema.

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "") || value === null ? undefined : value;

/** An opaque record id (cuid) as it appears in a path, a form or JSON. */
export const recordId = z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** A required calendar date, YYYY-MM-DD. */
export const calendarDate = z.iso.date();

/** An optional calendar date; a blank form field means none. */
export const optionalCalendarDate = z.preprocess(blankToUndefined, z.iso.date().optional());

/** Optional text; a blank form field means none. */
export const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

/** Optional record id; a blank form field means none. */
export const optionalRecordId = z.preprocess(blankToUndefined, recordId.optional());

/** The version a client saw, for the optimistic concurrency check: a whole number ≥ 1, given as a number or as digits. */
export const versionSeen = z.preprocess(
  (value) => (typeof value === "string" && /^\d{1,9}$/.test(value.trim()) ? Number(value) : value),
  z.number().int().min(1).max(2_147_483_647),
);

/** Today's date in UTC as YYYY-MM-DD. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A calendar date string as the Date Prisma stores in a DATE column. */
export function dateOnly(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** A DATE column's value as YYYY-MM-DD. */
export function isoDate(date: Date): string;
export function isoDate(date: Date | null): string | null;
export function isoDate(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}
