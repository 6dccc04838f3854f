"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormFeedback } from "@/components/form-feedback";
import { idleForm, type FormAction } from "@/components/form-state";

const buttonClass = "rounded border bg-white px-3 py-1.5 text-sm font-medium disabled:opacity-70";

/** Deactivates an active account or reactivates an inactive one. */
export function ActivationForm({ action, active, version }: { action: FormAction; active: boolean; version: number }) {
  const t = useTranslations("users");
  const [state, formAction, pending] = useActionState(action, idleForm);
  return (
    <form action={formAction} className="space-y-2">
      <FormFeedback state={state} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <button type="submit" disabled={pending} className={`${buttonClass} ${active ? "border-red-800 text-red-800 hover:bg-red-50" : "border-brand-700 text-brand-700 hover:bg-brand-50"}`}>
        {active ? t("deactivate") : t("reactivate")}
      </button>
      <p role="status" className="text-sm">
        {state.status === "saved" ? ((state.result as { active: boolean }).active ? t("reactivatedNow") : t("deactivatedNow")) : null}
      </p>
    </form>
  );
}

/** One button that acts on the account, with what it did said in place. */
function AccountActionForm({ action, label, done, version, danger }: { action: FormAction; label: string; done: string; version?: number; danger?: boolean }) {
  const [state, formAction, pending] = useActionState(action, idleForm);
  return (
    <form action={formAction} className="space-y-2">
      <FormFeedback state={state} />
      {version === undefined ? null : <input type="hidden" name="version" value={version} />}
      <button
        type="submit"
        disabled={pending}
        className={`${buttonClass} ${danger ? "border-red-800 text-red-800 hover:bg-red-50" : "border-brand-700 text-brand-700 hover:bg-brand-50"}`}
      >
        {label}
      </button>
      <p role="status" className="text-sm">
        {state.status === "saved" ? done : null}
      </p>
    </form>
  );
}

/** Ends every session of the account at its next request. */
export function EndSessionsForm({ action }: { action: FormAction }) {
  const t = useTranslations("users");
  return <AccountActionForm action={action} label={t("endSessions")} done={t("sessionsEnded")} />;
}

/** Removes the account's second factor, for a lost authenticator or a secret the key in force cannot read. */
export function ResetSecondFactorForm({ action, version }: { action: FormAction; version: number }) {
  const t = useTranslations("users");
  return <AccountActionForm action={action} label={t("resetSecondFactor")} done={t("secondFactorReset")} version={version} danger />;
}
