import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ValidationError } from "../../server/errors";
import { parseInput } from "../../server/validation";

const schema = z.object({
  note: z.string().trim().min(1).max(10),
  status: z.enum(["open", "closed"]),
  url: z.url({ protocol: /^https?$/ }).optional(),
});

function fieldErrorsOf(raw: unknown) {
  try {
    parseInput(schema, raw);
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
  throw new Error("expected a validation error");
}

describe("parseInput", () => {
  it("returns the parsed value when the input is valid", () => {
    expect(parseInput(schema, { note: "  ok ", status: "open" })).toEqual({ note: "ok", status: "open" });
  });

  it("names every field's problem with a message key, never an English sentence", () => {
    expect(fieldErrorsOf({ note: "", status: "maybe", url: "ftp:/x" })).toEqual({
      note: [{ code: "required" }],
      status: [{ code: "invalidChoice" }],
      url: [{ code: "invalidUrl" }],
    });
    expect(fieldErrorsOf({ note: "x".repeat(11), status: "open" })).toEqual({ note: [{ code: "tooLong", values: { maximum: 10 } }] });
    expect(fieldErrorsOf({ status: 3 })).toEqual({
      note: [{ code: "required" }],
      status: [{ code: "invalidChoice" }],
    });
  });

  it("reports a body that is not an object on the form as a whole", () => {
    expect(fieldErrorsOf("text")).toEqual({ _form: [{ code: "invalidType", values: { expected: "object" } }] });
  });
});
