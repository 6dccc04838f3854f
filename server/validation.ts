import "server-only";
import type { z } from "zod";
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
      return { code: issue.format === "email" ? "invalidEmail" : issue.format === "url" ? "invalidUrl" : "invalidFormat" };
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
