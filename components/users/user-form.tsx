"use client";

import { useTranslations } from "next-intl";
import { Link } from "@/components/link";
import { useActionState } from "react";
import { FieldErrorText, SelectField, TextField } from "@/components/form-fields";
import { FormFeedback, SubmitButton } from "@/components/form-feedback";
import { idleForm, unsavedGuard, issuesOf, listValue, textValue, type FormAction } from "@/components/form-state";
import { SecretField } from "@/components/profile/password-field";
import { passwordLength } from "@/domain/limits";
import { Role } from "@/server/db/generated/enums";

const roles = Object.values(Role);

export interface StoredUser {
  email: string;
  name: string;
  roles: string[];
  agency: { id: string } | null;
  version: number;
}

/** Creates an account with its initial password, or edits one's name, roles and agency when `user` is given. */
export function UserForm({ action, agencies, user }: { action: FormAction; agencies: { id: string; code: string; name: string }[]; user?: StoredUser }) {
  const t = useTranslations("users");
  const roleNames = useTranslations("roles");
  const [state, formAction, pending] = useActionState(action, idleForm);
  const chosenRoles = listValue(state, "roles", user?.roles ?? []);
  const roleIssues = issuesOf(state, "roles");
  return (
    <form action={formAction} className="mt-6 max-w-2xl space-y-4" {...unsavedGuard(state)}>
      <FormFeedback state={state} />
      {user && <input type="hidden" name="version" value={user.version} />}
      {!user && <TextField name="email" type="email" label={t("fields.email")} required maxLength={254} defaultValue={textValue(state, "email")} issues={issuesOf(state, "email")} />}
      <TextField name="name" label={t("fields.name")} required maxLength={200} defaultValue={textValue(state, "name", user?.name)} issues={issuesOf(state, "name")} />
      <fieldset aria-describedby={roleIssues ? "roles-error" : undefined}>
        <legend className="text-sm font-medium">
          {t("fields.roles")}
          <span aria-hidden="true"> *</span>
        </legend>
        {/* Sent even with no box ticked, so that "no roles" is refused rather than read as "unchanged". */}
        <input type="hidden" name="roles" value="" />
        <div className="mt-1 flex flex-wrap gap-4">
          {roles.map((role) => (
            <label key={role} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="roles" value={role} defaultChecked={chosenRoles.includes(role)} />
              {roleNames(role)}
            </label>
          ))}
        </div>
        <FieldErrorText id="roles-error" issues={roleIssues} />
      </fieldset>
      <SelectField
        name="agencyId"
        label={t("fields.agency")}
        hint={t("fields.agencyHint")}
        placeholder={t("fields.noAgency")}
        options={agencies.map((agency) => ({ value: agency.id, label: t("agencyOption", { code: agency.code, name: agency.name }) }))}
        defaultValue={textValue(state, "agencyId", user?.agency?.id ?? "")}
        issues={issuesOf(state, "agencyId")}
      />
      {!user && (
        <SecretField name="password" label={t("fields.password")} hint={t("fields.passwordHint", passwordLength)} autoComplete="new-password" issues={issuesOf(state, "password")} />
      )}
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pending={pending} label={user ? t("save") : t("create")} pendingLabel={t("saving")} />
        <Link href="/admin/users" className="text-brand-700 underline-offset-2 hover:underline">
          {t("backToList")}
        </Link>
      </div>
    </form>
  );
}
