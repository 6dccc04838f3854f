"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { startTransition } from "react";

// A page that failed on the server: the database unreachable for a moment, or
// a fault. A production build never sends the error's message to the
// browser, so the page says what may have happened, never a stack. Trying
// again renders the page afresh on the server, which works once the database
// is back; resetting the boundary alone would only redraw the failure.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors.page");
  const router = useRouter();
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-16">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2" role="alert">
        {t("failed")}
      </p>
      <button type="button" onClick={retry} className="mt-4 rounded bg-brand-700 px-4 py-2 text-white">
        {t("retry")}
      </button>
    </main>
  );
}
