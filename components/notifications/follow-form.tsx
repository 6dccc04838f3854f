"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormFeedback } from "@/components/form-feedback";
import { idleForm, type FormAction } from "@/components/form-state";
import type { FollowState } from "@/server/follows";

/** Follow or unfollow a pillar, commitment or milestone, saying which the person does now. */
export function FollowForm({ action, follow }: { action: FormAction; follow: FollowState }) {
  const t = useTranslations("notifications.follow");
  const [state, formAction, pending] = useActionState(action, idleForm);
  return (
    <form action={formAction} className="no-print mt-3 flex max-w-3xl flex-wrap items-center gap-3 text-sm" data-testid="follow-form">
      <FormFeedback state={state} />
      <input type="hidden" name="targetType" value={follow.targetType} />
      <input type="hidden" name="targetId" value={follow.targetId} />
      <p>{follow.following ? t(follow.byDefault ? "followingByDefault" : "following") : t("notFollowing")}</p>
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-brand-700 bg-white px-3 py-1 font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-70"
      >
        {pending ? t("saving") : follow.following ? t("unfollow") : t("follow")}
      </button>
    </form>
  );
}
