import type { Metadata } from "next";
import { Link } from "@/components/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { currentPublicPath, publicHref, publicLocale } from "@/components/public/addresses";
import { locales } from "@/i18n/locales";
import { publicSiteOn } from "@/server/public-record";

// The public record: no sign-in, the same page for every visitor in each
// language, each language at its own address with the others as alternates.

export async function generateMetadata(): Promise<Metadata> {
  const [locale, path, t] = await Promise.all([publicLocale(), currentPublicPath(), getTranslations("public")]);
  return {
    alternates: {
      canonical: publicHref(locale, path),
      languages: { ...Object.fromEntries(locales.map((other) => [other, publicHref(other, path)])), "x-default": `/public${path}` },
      types: { "application/atom+xml": [{ url: publicHref(locale, "/feed.xml"), title: t("feed.linkTitle") }] },
    },
  };
}

const sections = [
  { path: "", label: "pillarsLink" },
  { path: "/rounds", label: "roundsLink" },
  { path: "/verify", label: "verifyLink" },
  { path: "/data", label: "dataLink" },
] as const;

export default async function PublicLayout({ children }: { children: ReactNode }) {
  if (!publicSiteOn()) notFound();
  const [t, locale, path] = await Promise.all([getTranslations(), publicLocale(), currentPublicPath()]);
  return (
    <>
      <a href="#main" className="sr-only z-50 rounded bg-white px-4 py-2 text-brand-900 focus:not-sr-only focus:absolute focus:left-4 focus:top-4">
        {t("shell.skipToContent")}
      </a>
      <header className="bg-brand-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <Link href={publicHref(locale)} className="text-lg font-semibold">
            {t("public.siteName")}
          </Link>
          <nav aria-label={t("public.languageSwitch")}>
            <ul className="flex gap-3 text-sm">
              {locales.map((other) => (
                <li key={other}>
                  {other === locale ? (
                    <span aria-current="page" className="font-semibold" lang={other}>
                      {t(`languages.${other}`)}
                    </span>
                  ) : (
                    <a href={publicHref(other, path)} hrefLang={other} lang={other} className="underline underline-offset-2">
                      {t(`languages.${other}`)}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </nav>
        </div>
        <nav aria-label={t("public.navigation")} className="bg-brand-800">
          <ul className="mx-auto flex max-w-6xl flex-wrap gap-1 px-4">
            {sections.map((section) => (
              <li key={section.path}>
                <Link href={publicHref(locale, section.path)} className="inline-block px-3 py-2 text-sm hover:bg-brand-700">
                  {t(`public.${section.label}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
      <footer className="mx-auto max-w-6xl border-t border-slate-300 px-4 py-6 text-sm text-slate-700">
        <p>{t("public.footer")}</p>
        <p className="mt-2 flex flex-wrap gap-4">
          <a href={publicHref(locale, "/feed.xml")} type="application/atom+xml" className="text-brand-700 underline">
            {t("public.feedLink")}
          </a>
          <Link href="/signin" className="text-brand-700 underline">
            {t("public.staffSignIn")}
          </Link>
        </p>
      </footer>
    </>
  );
}
