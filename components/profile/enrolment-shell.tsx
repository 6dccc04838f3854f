import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SessionActivity } from "@/components/session-activity";
import { SignOutButton } from "@/components/sign-out-button";

/**
 * The frame of the profile page for someone whose role requires a second
 * factor not yet set up: like the sign-in page, no navigation, since nothing
 * else is open to them yet.
 */
export async function EnrolmentShell({ name, children }: { name: string; children: ReactNode }) {
  const t = await getTranslations();
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <main id="main" className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-medium text-brand-700">{t("app.name")}</p>
        {children}
      </main>
      <div className="mt-6 flex flex-wrap items-center justify-center gap-4 text-sm">
        <p>{t("shell.signedInAs", { name })}</p>
        <SignOutButton />
      </div>
      <SessionActivity />
    </div>
  );
}
