"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormFeedback } from "@/components/form-feedback";
import { idleForm, type FormAction } from "@/components/form-state";

const linkButton = "text-left text-brand-700 underline-offset-2 hover:underline disabled:opacity-70";
const plainButton = "rounded border border-brand-700 bg-white px-3 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-70";

/** A notification's text: a button that marks it read and goes to its page (a form, so that it works without JavaScript). */
export function OpenNotificationForm({ action, id, text, unread }: { action: FormAction; id: string; text: string; unread: boolean }) {
  const t = useTranslations("notifications");
  const [state, formAction, pending] = useActionState(action, idleForm);
  return (
    <form action={formAction}>
      <FormFeedback state={state} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} aria-label={t("open", { text })} className={`${linkButton} ${unread ? "font-semibold" : ""}`}>
        {text}
      </button>
    </form>
  );
}

/** Marks one notification read (`id`), or all of them. */
export function MarkReadForm({ action, id, text }: { action: FormAction; id?: string; text?: string }) {
  const t = useTranslations("notifications");
  const [state, formAction, pending] = useActionState(action, idleForm);
  return (
    <form action={formAction}>
      <FormFeedback state={state} />
      {id ? <input type="hidden" name="ids" value={id} /> : <input type="hidden" name="all" value="true" />}
      <button type="submit" disabled={pending} aria-label={id && text ? t("markReadOf", { text }) : undefined} className={plainButton}>
        {pending ? t("marking") : id ? t("markRead") : t("markAllRead")}
      </button>
    </form>
  );
}
