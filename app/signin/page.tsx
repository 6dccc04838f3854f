import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/language-switch";
import { SignInForm } from "@/components/sign-in-form";
import { getActor } from "@/server/session";
import { safeCallbackPath } from "@/components/safe-callback";

export async function generateMetadata() {
  const t = await getTranslations("signIn");
  return { title: t("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const target = safeCallbackPath(callbackUrl);
  if (await getActor()) redirect(target);
  const t = await getTranslations();
  return (
    <div className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <main id="main" className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-medium text-brand-700">{t("app.name")}</p>
        <h1 className="mt-2 text-2xl font-semibold">{t("signIn.title")}</h1>
        <p className="mt-2 text-sm text-slate-600">{t("signIn.intro")}</p>
        <SignInForm callbackPath={target} />
      </main>
      <div className="mt-6 flex justify-center">
        <LanguageSwitch />
      </div>
    </div>
  );
}
