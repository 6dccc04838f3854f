import { describe, expect, it } from "vitest";
import { z } from "zod";
import { apiTokenInput } from "../../server/api-tokens";
import { sessionEndInput } from "../../server/auth/sessions";
import { assessmentDraftInput, assessmentEditInput, assessmentReturnInput, assessmentStepInput } from "../../server/assessments";
import { archiveInput, commitmentInput, commitmentUpdateInput } from "../../server/commitments";
import { ValidationError } from "../../server/errors";
import { evidenceInput, retractionInput } from "../../server/evidence";
import { milestoneInput, milestoneUpdateInput } from "../../server/milestones";
import { pillarInput, pillarUpdateInput } from "../../server/pillars";
import { passwordChangeInput, secondFactorCodeInput, secondFactorRemovalInput } from "../../server/profile";
import { roundInput } from "../../server/rounds";
import { statusUpdateInput } from "../../server/status-updates";
import { userCreateInput, userUpdateInput } from "../../server/user-admin";
import { localeInput, signInInput } from "../../server/users";
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
    expect(fieldErrorsOf("text")).toEqual({ _form: [{ code: "invalidType", values: { type: "object" } }] });
  });
});

describe("fields a schema does not have", () => {
  it("are each named as a field error of their own, nested ones by their path", () => {
    const strict = z.strictObject({ note: z.string(), inner: z.strictObject({ day: z.string() }).optional() });
    let fieldErrors: unknown;
    try {
      parseInput(strict, { note: "ok", publishedAt: "2024-01-01", inner: { day: "x", hour: 3 } });
    } catch (error) {
      if (error instanceof ValidationError) fieldErrors = error.fieldErrors;
    }
    expect(fieldErrors).toEqual({
      publishedAt: [{ code: "unknownField", values: { field: "publishedAt" } }],
      "inner.hour": [{ code: "unknownField", values: { field: "hour" } }],
    });
  });

  it("are named even when they are called __proto__ or constructor, which a plain object would take for its own machinery", () => {
    let fieldErrors: Record<string, unknown> = {};
    try {
      parseInput(z.strictObject({ note: z.string() }), JSON.parse('{"note":"ok","__proto__":{"roles":["admin"]},"constructor":{"prototype":{}}}'));
    } catch (error) {
      if (error instanceof ValidationError) fieldErrors = error.fieldErrors;
    }
    expect(Object.getPrototypeOf(fieldErrors)).toBe(Object.prototype);
    expect(Object.keys(fieldErrors).sort()).toEqual(["__proto__", "constructor"]);
    expect(Object.getOwnPropertyDescriptor(fieldErrors, "__proto__")?.value).toEqual([{ code: "unknownField", values: { field: "__proto__" } }]);
    expect(({} as { roles?: unknown }).roles).toBeUndefined();
  });

  // Every body the API and the forms send goes through one of these (the forms
  // after server/forms.ts has left out what Next.js adds). A sign-in is
  // next-auth's own body, with its csrfToken, callbackUrl and json: its schema
  // picks its three fields and takes the rest.
  const writeSchemas = {
    evidenceInput,
    retractionInput,
    roundInput,
    statusUpdateInput,
    pillarInput,
    pillarUpdateInput,
    commitmentInput,
    commitmentUpdateInput,
    archiveInput,
    milestoneInput,
    milestoneUpdateInput,
    assessmentDraftInput,
    assessmentEditInput,
    assessmentStepInput,
    assessmentReturnInput,
    userCreateInput,
    userUpdateInput,
    passwordChangeInput,
    secondFactorCodeInput,
    secondFactorRemovalInput,
    localeInput,
    apiTokenInput: apiTokenInput(new Date("2026-06-01T12:00:00Z")),
    sessionEndInput,
  };

  for (const [name, schema] of Object.entries(writeSchemas)) {
    it(`are refused by ${name}, naming the field`, () => {
      let fieldErrors: Record<string, unknown> = {};
      try {
        parseInput(schema, { unexpected: "x" });
      } catch (error) {
        if (error instanceof ValidationError) fieldErrors = error.fieldErrors;
      }
      expect(fieldErrors.unexpected).toEqual([{ code: "unknownField", values: { field: "unexpected" } }]);
    });
  }

  it("are taken in next-auth's sign-in body, whose schema reads only its own fields", () => {
    const posted = { email: "a@example.org", password: "secret", code: "", csrfToken: "t", callbackUrl: "/", json: "true" };
    expect(parseInput(signInInput, posted)).toEqual({ email: "a@example.org", password: "secret" });
  });
});
