import { Link } from "@/components/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { markNotificationsReadAction, openNotificationAction } from "@/app/actions/notifications";
import { ClientMessages } from "@/components/client-messages";
import { MarkReadForm, OpenNotificationForm } from "@/components/notifications/inbox-forms";
import { Pager } from "@/components/pager";
import { notificationText } from "@/server/notification-text";
import { listNotifications } from "@/server/notifications";
import { actorForPage, withUsableFilter } from "@/server/pages";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("notifications");
  return { title: t("title") };
}

const filterLink = "rounded px-2 py-1 text-brand-700 underline-offset-2 hover:underline";

export default async function NotificationsPage({ searchParams }: Props) {
  const actor = await actorForPage();
  const query = await searchParams;
  const unreadOnly = query.unread === "true";
  const [notifications, t, format, locale] = await Promise.all([
    // A page number that is not one shows the first page.
    withUsableFilter((usable) => listNotifications(actor, usable), { ...(unreadOnly ? { unread: "true" } : {}), ...(typeof query.page === "string" ? { page: query.page } : {}) }),
    getTranslations(),
    getFormatter(),
    getLocale(),
  ]);
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const pageHref = (page: number) => `/notifications?${new URLSearchParams({ ...(unreadOnly ? { unread: "true" } : {}), page: String(page) }).toString()}`;
  const empty = notifications.total > 0 ? t("notifications.pastLastPage", { page: notifications.page, pages: notifications.pageCount }) : t(unreadOnly ? "notifications.noneUnread" : "notifications.none");
  return (
    <ClientMessages of={["components/notifications/inbox-forms"]}>
      <h1 className="text-2xl font-semibold">{t("notifications.title")}</h1>
      <div className="mt-4 flex flex-wrap items-center gap-4 text-sm">
        <nav aria-label={t("notifications.filters")} className="flex gap-2">
          <Link href="/notifications" aria-current={unreadOnly ? undefined : "page"} className={`${filterLink} ${unreadOnly ? "" : "font-semibold"}`}>
            {t("notifications.all")}
          </Link>
          <Link href="/notifications?unread=true" aria-current={unreadOnly ? "page" : undefined} className={`${filterLink} ${unreadOnly ? "font-semibold" : ""}`}>
            {t("notifications.unreadOnly")}
          </Link>
        </nav>
        <MarkReadForm action={markNotificationsReadAction} />
        <Link href="/profile#notifications" className="text-brand-700 underline-offset-2 hover:underline">
          {t("notifications.preferencesLink")}
        </Link>
      </div>
      {notifications.items.length === 0 ? (
        <p className="mt-6">{empty}</p>
      ) : (
        <ul aria-label={t("notifications.listLabel")} className="mt-6 max-w-3xl space-y-3" data-testid="notification-list">
          {notifications.items.map((notification) => {
            const text = notificationText({ locale, t, day }, notification);
            const unread = notification.readAt === null;
            return (
              <li key={notification.id} className={`rounded border p-4 ${unread ? "border-brand-700 bg-brand-50" : "border-slate-200 bg-white"}`}>
                {unread && <p className="text-xs font-semibold uppercase text-brand-800">{t("notifications.unread")}</p>}
                <OpenNotificationForm action={openNotificationAction} id={notification.id} text={text} unread={unread} />
                <div className="mt-2 flex flex-wrap items-center gap-4">
                  <p className="text-xs text-slate-700">
                    {t("notifications.received", { date: format.dateTime(new Date(notification.createdAt), { dateStyle: "medium", timeStyle: "short" }) })}
                  </p>
                  {unread && <MarkReadForm action={markNotificationsReadAction} id={notification.id} text={text} />}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <Pager
        page={notifications.page}
        pageCount={notifications.pageCount}
        href={pageHref}
        labels={{
          pages: t("notifications.pages"),
          previous: t("notifications.previous"),
          next: t("notifications.next"),
          pageOf: t("notifications.pageOf", { page: notifications.page, pages: notifications.pageCount }),
        }}
      />
    </ClientMessages>
  );
}
