import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { LanguageSwitch } from "@/components/language-switch";
import { SignInForm } from "@/components/sign-in-form";
import { getAccount, pathAfterSignIn, singleSignOnName } from "@/server/session";

export async function generateMetadata() {
  const t = await getTranslations("signIn");
  return { title: t("title") };
}

const notices = ["passwordChanged", "signedOutEverywhere"] as const;
// Why a sign-in through the provider came back refused (server/session.ts); any other `error` is a sign-in that did not complete.
const singleSignOnRefusals = ["SsoNoAccount", "SsoUnverifiedEmail"] as const;

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; notice?: string; error?: string }> }) {
  const { callbackUrl, notice, error } = await searchParams;
  const target = pathAfterSignIn(callbackUrl);
  const account = await getAccount();
  if (account) redirect(account.mustEnrolSecondFactor ? "/profile" : target);
  const t = await getTranslations();
  const shownNotice = notices.find((known) => known === notice);
  const shownError = error === undefined ? undefined : (singleSignOnRefusals.find((known) => known === error) ?? "failed");
  return (
    <div className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <main id="main" className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-medium text-brand-700">{t("app.name")}</p>
        <h1 className="mt-2 text-2xl font-semibold">{t("signIn.title")}</h1>
        {shownNotice && (
          <p role="status" className="mt-4 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            {t(`signIn.notices.${shownNotice}`)}
          </p>
        )}
        {shownError && (
          <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
            {t(`signIn.singleSignOnErrors.${shownError}`)}
          </p>
        )}
        <p className="mt-2 text-sm text-slate-600">{t("signIn.intro")}</p>
        <ClientMessages of={["components/sign-in-form"]}>
          <SignInForm callbackPath={target} singleSignOn={singleSignOnName()} />
        </ClientMessages>
      </main>
      <div className="mt-6 flex justify-center">
        <LanguageSwitch />
      </div>
    </div>
  );
}
