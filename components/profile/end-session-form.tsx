"use client";

import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { FormFeedback } from "@/components/form-feedback";
import { idleForm, type FormAction } from "@/components/form-state";

const hidden = (chunks: ReactNode) => <span className="sr-only">{chunks}</span>;

/** Ends one of the person's other sessions; the page then lists the rest. */
export function EndSessionForm({ action, sessionId, device, started }: { action: FormAction; sessionId: string; device: string; started: string }) {
  const t = useTranslations("profile.sessions");
  const [state, formAction, pending] = useActionState(action, idleForm);
  return (
    <form action={formAction} className="space-y-2">
      <FormFeedback state={state} />
      <input type="hidden" name="sessionId" value={sessionId} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-red-800 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-70"
      >
        {pending ? t("ending") : t.rich("end", { device, started, hidden })}
      </button>
    </form>
  );
}
