import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";
import { AuditEventList } from "@/components/audit/audit-event-list";
import { FilterInput, FilterSelect } from "@/components/evidence/filter-controls";
import { Pager } from "@/components/pager";
import { auditFilterChoices, listAuditEvents } from "@/server/audit-trail";
import { ValidationError } from "@/server/errors";
import { actorForPageWith } from "@/server/pages";
import { FilterFold } from "@/components/filter-fold";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const filterNames = ["actor", "recordType", "recordId", "action", "from", "to"] as const;

export async function generateMetadata() {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

const link = "text-brand-700 underline-offset-2 hover:underline";

export default async function AuditTrailPage({ searchParams }: Props) {
  const actor = await actorForPageWith("audit.read");
  const query = await searchParams;
  const first = (name: string) => {
    const value = query[name];
    return (Array.isArray(value) ? value[0] : value) || undefined;
  };
  const filter: Record<string, string> = Object.fromEntries(filterNames.flatMap((name) => (first(name) ? [[name, first(name)!]] : [])));
  const [trail, choices, t] = await Promise.all([
    // A malformed, hand-edited filter shows an empty page with a note rather than an error page.
    listAuditEvents(actor, { ...filter, page: first("page") }).catch((error: unknown) => {
      if (error instanceof ValidationError) return null;
      throw error;
    }),
    auditFilterChoices(actor),
    getTranslations("audit"),
  ]);
  const events = trail ?? { items: [], total: 0, page: 1, pageSize: 1, pageCount: 1 };
  const pageHref = (number: number) => `/admin/audit?${new URLSearchParams({ ...filter, ...(number > 1 ? { page: String(number) } : {}) })}`;
  const firstShown = (events.page - 1) * events.pageSize + 1;
  const typeLabel = (type: string) => (t.has(`recordTypes.${type}` as "recordTypes.User") ? t(`recordTypes.${type}` as "recordTypes.User") : type);

  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("intro")}</p>
      {/* Keyed on the filters: a client-side move to other filters rebuilds the controls with the new values. */}
      <FilterFold summary={t("filters")}>
      <form key={new URLSearchParams(filter).toString()} method="get" action="/admin/audit" className="mt-6 rounded border border-slate-200 bg-white p-4" aria-label={t("filters")}>
        <div className="flex flex-wrap items-end gap-4">
          <FilterSelect name="actor" label={t("actor")} anyLabel={t("any")} value={filter.actor} options={choices.actors.map((person) => ({ value: person.id, label: person.name }))} />
          <FilterSelect
            name="recordType"
            label={t("recordType")}
            anyLabel={t("any")}
            value={filter.recordType}
            options={choices.recordTypes.map((type) => ({ value: type, label: typeLabel(type) }))}
          />
          <FilterInput name="recordId" type="search" label={t("recordId")} value={filter.recordId} />
          <FilterSelect name="action" label={t("action")} anyLabel={t("any")} value={filter.action} options={choices.actions.map((action) => ({ value: action, label: action }))} />
          <FilterInput name="from" type="date" label={t("from")} value={filter.from} />
          <FilterInput name="to" type="date" label={t("to")} value={filter.to} />
        </div>
        <div className="mt-4 flex flex-wrap items-end gap-4">
          <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 text-white hover:bg-brand-800">
            {t("apply")}
          </button>
          <Link href="/admin/audit" className={`py-1.5 ${link}`}>
            {t("clear")}
          </Link>
        </div>
      </form>
      </FilterFold>
      {trail === null && (
        <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("invalidFilters")}
        </p>
      )}
      <section aria-labelledby="events-heading" className="mt-8">
        <h2 id="events-heading" className="text-xl font-semibold">
          {t("resultsHeading")}
        </h2>
        {events.items.length > 0 && (
          <p className="mt-1 flex flex-wrap gap-x-6 text-sm text-slate-700">
            <span>{t("showing", { first: firstShown, last: firstShown + events.items.length - 1, total: events.total })}</span>
            <a href={`/api/v1/audit-events?${new URLSearchParams({ ...filter, format: "csv" })}`} className={link} download>
              {t("downloadCsv")}
            </a>
          </p>
        )}
        <AuditEventList events={events.items} empty={events.total > 0 ? t("pastLastPage", { page: events.page, pages: events.pageCount }) : t("none")} />
        <Pager
          page={events.page}
          pageCount={events.pageCount}
          href={pageHref}
          labels={{ pages: t("pages"), previous: t("previous"), next: t("next"), pageOf: t("pageOf", { page: events.page, pages: events.pageCount }) }}
        />
      </section>
    </>
  );
}
