import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";
import { EmailDeliveryTable } from "@/components/email/email-delivery-table";
import { FilterSelect } from "@/components/evidence/filter-controls";
import { Pager } from "@/components/pager";
import { EmailStatus } from "@/server/db/generated/enums";
import { listEmailDeliveries } from "@/server/email/deliveries";
import { ValidationError } from "@/server/errors";
import { actorForPageWith } from "@/server/pages";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("emails");
  return { title: t("title") };
}

const link = "text-brand-700 underline-offset-2 hover:underline";

export default async function EmailDeliveriesPage({ searchParams }: Props) {
  const actor = await actorForPageWith("operations.read");
  const query = await searchParams;
  const first = (name: string) => {
    const value = query[name];
    return (Array.isArray(value) ? value[0] : value) || undefined;
  };
  const status = first("status");
  const [list, t] = await Promise.all([
    // A malformed, hand-edited filter shows an empty page with a note rather than an error page.
    listEmailDeliveries(actor, { status, page: first("page") }).catch((error: unknown) => {
      if (error instanceof ValidationError) return null;
      throw error;
    }),
    getTranslations("emails"),
  ]);
  const deliveries = list ?? { items: [], total: 0, page: 1, pageSize: 1, pageCount: 1 };
  const filter: Record<string, string> = status ? { status } : {};
  const pageHref = (number: number) => `/admin/emails?${new URLSearchParams({ ...filter, ...(number > 1 ? { page: String(number) } : {}) })}`;
  const firstShown = (deliveries.page - 1) * deliveries.pageSize + 1;

  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("intro")}</p>
      <form key={status ?? ""} method="get" action="/admin/emails" className="mt-6 rounded border border-slate-200 bg-white p-4" aria-label={t("filters")}>
        <div className="flex flex-wrap items-end gap-4">
          <FilterSelect
            name="status"
            label={t("status")}
            anyLabel={t("any")}
            value={status}
            options={Object.values(EmailStatus).map((value) => ({ value, label: t(`statuses.${value}`) }))}
          />
          <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 text-white hover:bg-brand-800">
            {t("apply")}
          </button>
          <Link href="/admin/emails" className={`py-1.5 ${link}`}>
            {t("clear")}
          </Link>
        </div>
      </form>
      {list === null && (
        <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("invalidFilters")}
        </p>
      )}
      <section aria-labelledby="emails-heading" className="mt-8">
        <h2 id="emails-heading" className="text-xl font-semibold">
          {t("resultsHeading")}
        </h2>
        {deliveries.items.length > 0 ? (
          <>
            <p className="mt-1 text-sm text-slate-700">{t("showing", { first: firstShown, last: firstShown + deliveries.items.length - 1, total: deliveries.total })}</p>
            <EmailDeliveryTable deliveries={deliveries.items} caption={t("caption")} />
          </>
        ) : (
          <p className="mt-4">{deliveries.total > 0 ? t("pastLastPage", { page: deliveries.page, pages: deliveries.pageCount }) : t("none")}</p>
        )}
        <Pager
          page={deliveries.page}
          pageCount={deliveries.pageCount}
          href={pageHref}
          labels={{ pages: t("pages"), previous: t("previous"), next: t("next"), pageOf: t("pageOf", { page: deliveries.page, pages: deliveries.pageCount }) }}
        />
      </section>
    </>
  );
}
