"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormFeedback, SavedNotice, SubmitButton } from "@/components/form-feedback";
import { Table, TableHead } from "@/components/table";
import { idleForm, textValue, type FormAction } from "@/components/form-state";
import { kindLabelValues } from "@/domain/notification-kinds";
import type { NotificationPreferences } from "@/server/notification-preferences";

const deliveries = ["app", "email", "digest", "off"] as const;

/** Per kind of notification: in the app only, email at once, the daily digest, or off. */
export function NotificationPreferencesForm({ action, preferences }: { action: FormAction; preferences: NotificationPreferences }) {
  const t = useTranslations("notifications.preferences");
  const [state, formAction, pending] = useActionState(action, idleForm);
  return (
    <form action={formAction} className="mt-4 space-y-4" data-testid="notification-preferences">
      <FormFeedback state={state} />
      {state.status === "saved" && <SavedNotice message={t("saved")} />}
      <Table className="w-full text-left text-sm" caption={t("title")}>
        <TableHead columns={[t("kindColumn"), t("deliveryColumn")]} />
        <tbody>
          {preferences.map((preference) => (
            <tr key={preference.kind} className="border-b border-slate-100">
              <td className="py-2 pr-2">
                <label htmlFor={`delivery-${preference.kind}`}>{t(`kinds.${preference.kind}`, kindLabelValues(preference.kind))}</label>
              </td>
              <td className="py-2">
                <select
                  id={`delivery-${preference.kind}`}
                  name={preference.kind}
                  defaultValue={textValue(state, preference.kind, preference.delivery)}
                  className="rounded border border-slate-400 bg-white px-2 py-1"
                >
                  {deliveries.map((delivery) => (
                    <option key={delivery} value={delivery}>
                      {t(`deliveries.${delivery}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <SubmitButton pending={pending} label={t("save")} pendingLabel={t("saving")} />
    </form>
  );
}
