import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { unreadCount, unreadShownAtMost } from "@/server/notifications";
import type { Actor } from "@/server/permissions";
import { searchMaxLength } from "@/server/search";
import { LanguageSwitch } from "./language-switch";
import { navigationFor } from "./navigation";
import { SearchShortcut } from "./search-shortcut";
import { SessionActivity } from "./session-activity";
import { SignOutButton } from "./sign-out-button";
import { UnsavedChangesGuard } from "./unsaved-changes-guard";

export async function AppShell({ actor, children }: { actor: Actor; children: ReactNode }) {
  const [t, unread] = await Promise.all([getTranslations(), unreadCount(actor)]);
  const links = navigationFor(actor).map((item) => (
    <li key={item.href}>
      <Link href={item.href} className="inline-block px-3 py-2 text-sm hover:bg-brand-700">
        {t(item.label)}
      </Link>
    </li>
  ));
  return (
    <>
      <a
        href="#main"
        className="sr-only z-50 rounded bg-white px-4 py-2 text-brand-900 focus:not-sr-only focus:absolute focus:left-4 focus:top-4"
      >
        {t("shell.skipToContent")}
      </a>
      <header className="no-print bg-brand-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <Link href="/" className="text-lg font-semibold">
            {t("app.name")}
          </Link>
          <div className="flex flex-wrap items-center gap-4">
            {/* A plain GET form, so that searching needs no JavaScript; the field stays narrow so that a phone's header does not scroll sideways. */}
            <form method="get" action="/search" role="search" aria-label={t("shell.searchLabel")} className="flex items-center gap-1 text-sm">
              <label htmlFor="site-search" className="sr-only">
                {t("shell.searchLabel")}
              </label>
              <input
                id="site-search"
                name="q"
                type="search"
                required
                maxLength={searchMaxLength}
                aria-keyshortcuts="/"
                className="w-36 rounded border border-slate-400 bg-white px-2 py-1 text-slate-900 sm:w-48"
              />
              <button type="submit" className="rounded border border-current px-2 py-1">
                {t("shell.searchSubmit")}
              </button>
            </form>
            <p className="text-sm">
              <span>{t("shell.signedInAs", { name: actor.name })}</span>
              <span className="sr-only">. {t("shell.rolesLabel")}: </span>
              <span data-testid="actor-roles" className="ml-2 text-brand-100">
                ({actor.roles.map((role) => t(`roles.${role}`)).join(", ")})
              </span>
            </p>
            <Link href="/notifications" className="flex items-center gap-1 text-sm underline-offset-2 hover:underline" data-testid="notification-bell">
              <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5 fill-current">
                <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
              </svg>
              <span className="sr-only">{unread > unreadShownAtMost ? t("notifications.bellOverflow", { count: unreadShownAtMost }) : t("notifications.bell", { count: unread })}</span>
              {unread > 0 && (
                <span aria-hidden="true" className="rounded-full bg-amber-300 px-2 text-xs font-semibold text-brand-900">
                  {unread > unreadShownAtMost ? `${unreadShownAtMost}+` : unread}
                </span>
              )}
            </Link>
            <Link href="/profile" className="text-sm underline-offset-2 hover:underline">
              {t("shell.profile")}
            </Link>
            <LanguageSwitch />
            <SignOutButton />
          </div>
        </div>
        <nav aria-label={t("shell.mainNavigation")} className="bg-brand-800">
          {/* On a phone the links fold into a menu, so that the page's own content comes first; <details> opens it without JavaScript. */}
          <details className="mx-auto max-w-6xl px-4 md:hidden">
            <summary className="cursor-pointer py-2 text-sm">{t("shell.menu")}</summary>
            <ul className="pb-2">{links}</ul>
          </details>
          <ul className="mx-auto hidden max-w-6xl flex-wrap gap-1 px-4 md:flex">{links}</ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
      <SearchShortcut fieldId="site-search" />
      <SessionActivity />
      <UnsavedChangesGuard question={t("shell.leaveUnsaved")} />
    </>
  );
}
