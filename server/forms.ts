import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { recordRefusedFormAction } from "./access-refusals";
import { answerTo, type FormRefusal } from "./error-answers";
import { logFault } from "./log";
import type { Actor } from "./permissions";
import { requireActor } from "./session";

/** What the user typed, kept so that a refused form shows it again. */
export type FormValues = Record<string, string | string[]>;

/**
 * The answer of a server action to its form: saved, or refused with a reason,
 * a message key per field and everything the user typed. `message` keys live
 * under `errors.` in messages/*.json.
 */
export type FormState = { status: "idle" } | { status: "saved"; savedAt: number; result?: unknown } | (FormRefusal & { values: FormValues });

/**
 * The fields a form posted. What Next.js and React add to a form for its
 * server action (`$ACTION_REF_…`, `$ACTION_…:…` bound arguments,
 * `$ACTION_KEY`) is left out: the input schemas are strict and would refuse it.
 */
function formValues(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = formData.getAll(key).filter((value): value is string => typeof value === "string");
    values[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}

/**
 * Runs a server action's write for the signed-in actor and turns every refusal
 * into form state — the one place where errors become form answers, by the
 * table of server/error-answers.ts as server/http.ts does for the API; a
 * rule's refusal is an audit event too.
 * `actorOf` names who acts: the signed-in actor unless told otherwise (the
 * second-factor enrolment acts for an account that owes its second factor).
 */
export async function runFormAction(
  formData: FormData,
  write: (actor: Actor, values: FormValues) => Promise<unknown>,
  actorOf: () => Promise<Actor> = requireActor,
): Promise<FormState> {
  const values = formValues(formData);
  try {
    const actor = await actorOf();
    const result = await write(actor, values);
    return { status: "saved", savedAt: Date.now(), result };
  } catch (error) {
    await recordRefusedFormAction(error);
    const refusal = answerTo(error)?.form;
    if (refusal) return { ...refusal, values };
    await logFault(error, "A form's action failed");
    return { status: "failed", message: "internal", values };
  }
}

/**
 * Runs a write whose result has a page of its own: on success every page is
 * refreshed (the write may show anywhere) and the browser goes to that page;
 * otherwise the refusal is the form's answer.
 */
export async function runFormActionThenShow<Saved>(
  formData: FormData,
  write: (actor: Actor, values: FormValues) => Promise<Saved>,
  pageOf: (saved: Saved) => string,
): Promise<FormState> {
  const saved: { record?: Saved } = {};
  const state = await runFormAction(formData, async (actor, values) => {
    saved.record = await write(actor, values);
  });
  if (state.status !== "saved" || saved.record === undefined) return state;
  revalidatePath("/", "layout");
  // redirect() throws, so it stays outside runFormAction, which would take it for a fault.
  redirect(pageOf(saved.record));
}
