import type { FieldIssue } from "@/server/errors";
import type { FormState, FormValues } from "@/server/forms";

// What a form shows after an answer: on a refusal, what the user typed
// (state.values) rather than the record's stored values, and each field's
// problems next to it.

/**
 * A form's server action, bound to its record where it has one. The server
 * component that renders the form binds it and passes it down, never the form: a
 * reference bound in a client component is new at each render, and after a
 * post without JavaScript React's server render waits for the new one's bound
 * arguments to match the posted action's, re-rendering the page for ever.
 */
export type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

export const idleForm: FormState = { status: "idle" };

function submitted(state: FormState): FormValues | undefined {
  return "values" in state ? state.values : undefined;
}

/** The text to show in a field: what was typed when the form was refused, else the stored value. */
export function textValue(state: FormState, name: string, stored = ""): string {
  const values = submitted(state);
  if (!values) return stored;
  const value = values[name];
  return typeof value === "string" ? value : (value?.[0] ?? "");
}

/** The boxes to tick in a group of checkboxes; an unticked group is absent from what was sent. */
export function listValue(state: FormState, name: string, stored: string[]): string[] {
  const values = submitted(state);
  if (!values) return stored;
  const value = values[name];
  return value === undefined ? [] : typeof value === "string" ? [value] : value;
}

/** A field's problems, including those of its items (`agencyIds.0`). */
export function issuesOf(state: FormState, name: string): FieldIssue[] | undefined {
  if (state.status !== "invalid") return undefined;
  const issues = Object.entries(state.fieldErrors)
    .filter(([field]) => field === name || field.startsWith(`${name}.`))
    .flatMap(([, fieldIssues]) => fieldIssues);
  return issues.length > 0 ? issues : undefined;
}

/**
 * The attribute of a form that writes a record, for components/unsaved-changes-guard.tsx:
 * leaving it with edits asks first, and so does leaving it refused, since what it shows was not saved.
 */
export function unsavedGuard(state: FormState): { "data-unsaved-guard": string } {
  return { "data-unsaved-guard": submitted(state) ? "refused" : "" };
}
