"use client";

import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { FormFeedback, SavedNotice, SubmitButton } from "@/components/form-feedback";
import { FieldFrame, SelectField, TextField } from "@/components/form-fields";
import { idleForm, issuesOf, textValue, type FormAction } from "@/components/form-state";

// Personal API tokens: the form that makes one (and shows it, this once, in
// the answer to the form, with or without JavaScript) and the button that
// revokes one, on the profile and on the admins' list.

export function CreateApiTokenForm({ action, suggestedExpiry }: { action: FormAction; suggestedExpiry: string }) {
  const t = useTranslations("profile.apiTokens");
  const [state, formAction, pending] = useActionState(action, idleForm);
  const created = state.status === "saved" ? (state.result as { name: string; token: string }) : null;
  return (
    <>
      {created && (
        <div className="mt-4 space-y-2">
          <SavedNotice message={t("created", { name: created.name })} />
          <FieldFrame name="new-api-token" label={t("newToken")} hint={t("copyHint")}>
            <input
              id="new-api-token"
              readOnly
              value={created.token}
              aria-describedby="new-api-token-hint"
              onFocus={(event) => event.target.select()}
              className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 font-mono text-sm"
            />
          </FieldFrame>
        </div>
      )}
      <form action={formAction} className="mt-4 space-y-3">
        <FormFeedback state={state} />
        <TextField name="name" label={t("name")} hint={t("nameHint")} required maxLength={100} defaultValue={textValue(state, "name")} issues={issuesOf(state, "name")} />
        <SelectField
          name="scope"
          label={t("scope")}
          required
          defaultValue={textValue(state, "scope", "read")}
          options={[
            { value: "read", label: t("scopes.read") },
            { value: "write", label: t("scopes.write") },
          ]}
          issues={issuesOf(state, "scope")}
        />
        <TextField
          name="expiresOn"
          type="date"
          label={t("expiresOn")}
          hint={t("expiresOnHint")}
          required
          defaultValue={textValue(state, "expiresOn", suggestedExpiry)}
          issues={issuesOf(state, "expiresOn")}
        />
        <SubmitButton pending={pending} label={t("create")} pendingLabel={t("creating")} />
      </form>
    </>
  );
}

const hidden = (chunks: ReactNode) => <span className="sr-only">{chunks}</span>;

/** Revokes one token; the list around it is refreshed by the action. */
export function RevokeApiTokenForm({ action, id, name }: { action: FormAction; id: string; name: string }) {
  const t = useTranslations("profile.apiTokens");
  const [state, formAction, pending] = useActionState(action, idleForm);
  return (
    <form action={formAction} className="space-y-2">
      <FormFeedback state={state} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className="rounded border border-red-800 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-70">
        {pending ? t("revoking") : t.rich("revoke", { name, hidden })}
      </button>
      <p role="status" className="text-sm">
        {state.status === "saved" ? t("revokedNow") : null}
      </p>
    </form>
  );
}
