import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";
import { EmptyFilterResult } from "@/components/empty-filter-result";
import { EvidenceList } from "@/components/evidence-list";
import { commitmentGroups, FilterInput, FilterSelect } from "@/components/evidence/filter-controls";
import { Pager } from "@/components/pager";
import { listCommitments } from "@/server/commitments";
import { EvidenceKind, EvidenceShows, Reliability } from "@/server/db/generated/enums";
import { listEvidence, type EvidencePage } from "@/server/evidence";
import { actorForPage, orEmptyOnInvalidFilter } from "@/server/pages";
import { can } from "@/server/permissions";
import { listPillars } from "@/server/pillars";
import { FilterFold } from "@/components/filter-fold";
import { planTextStrings } from "@/components/plan-text-server";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const filterNames = ["pillar", "commitment", "kind", "shows", "reliability", "from", "to", "q", "mine", "retracted"] as const;
type Filter = Partial<Record<(typeof filterNames)[number], string>>;

export async function generateMetadata() {
  const t = await getTranslations("evidenceLog");
  return { title: t("title") };
}

export default async function EvidenceLogPage({ searchParams }: Props) {
  const actor = await actorForPage();
  const query = await searchParams;
  const first = (name: string) => {
    const value = query[name];
    return (Array.isArray(value) ? value[0] : value) || undefined;
  };
  const filter: Filter = Object.fromEntries(
    filterNames.flatMap((name) => {
      const value = first(name);
      return value ? [[name, value]] : [];
    }),
  );
  const emptyPage: EvidencePage = { items: [], total: 0, moreThanTotal: false, page: 1, pageSize: 1, pageCount: 1 };
  const [[evidence, invalid], [commitments], pillars, t, planText] = await Promise.all([
    orEmptyOnInvalidFilter(listEvidence(actor, { ...filter, page: first("page") }), emptyPage),
    orEmptyOnInvalidFilter(listCommitments(actor, { pillar: filter.pillar }), []),
    listPillars(actor),
    getTranslations(),
    planTextStrings(),
  ]);
  const pageHref = (number: number) => `/evidence?${new URLSearchParams({ ...filter, ...(number > 1 ? { page: String(number) } : {}) })}`;
  const firstShown = (evidence.page - 1) * evidence.pageSize + 1;

  return (
    <>
      <h1 className="text-2xl font-semibold">{t("evidenceLog.title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("evidenceLog.intro")}</p>
      {can(actor, "evidence.log") && (
        <p className="mt-3">
          <Link href="/evidence/new" className="inline-block rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {t("evidenceLog.logEvidence")}
          </Link>
        </p>
      )}
      {/* Keyed on the filters: a client-side move to other filters (clearing them, going back) rebuilds the controls with the new values. */}
      <FilterFold summary={t("evidenceLog.filters")}>
      <form
        key={new URLSearchParams(filter).toString()}
        method="get"
        action="/evidence"
        className="mt-6 rounded border border-slate-200 bg-white p-4"
        aria-label={t("evidenceLog.filters")}
      >
        <div className="flex flex-wrap items-end gap-4">
          <FilterSelect
            name="pillar"
            label={t("evidenceLog.pillar")}
            anyLabel={t("evidenceLog.any")}
            value={filter.pillar}
            options={pillars.map((pillar) => ({ value: String(pillar.number), label: t("evidenceLog.pillarOption", { number: pillar.number, name: planText(pillar.name, pillar.nameEs) }) }))}
          />
          <FilterSelect
            name="commitment"
            label={t("evidenceLog.commitment")}
            anyLabel={t("evidenceLog.any")}
            value={filter.commitment}
            groups={commitmentGroups(commitments, (pillar) => t("evidenceLog.commitmentGroup", pillar), planText)}
          />
          <FilterSelect
            name="kind"
            label={t("evidenceLog.kind")}
            anyLabel={t("evidenceLog.any")}
            value={filter.kind}
            options={Object.values(EvidenceKind).map((kind) => ({ value: kind, label: t(`evidenceKind.${kind}`) }))}
          />
          <FilterSelect
            name="shows"
            label={t("evidenceLog.shows")}
            anyLabel={t("evidenceLog.any")}
            value={filter.shows}
            options={Object.values(EvidenceShows).map((shows) => ({ value: shows, label: t(`evidenceShows.${shows}`) }))}
          />
          <FilterSelect
            name="reliability"
            label={t("evidenceLog.reliability")}
            anyLabel={t("evidenceLog.any")}
            value={filter.reliability}
            options={Object.values(Reliability).map((reliability) => ({ value: reliability, label: t(`reliability.${reliability}`) }))}
          />
          <FilterInput name="from" type="date" label={t("evidenceLog.from")} value={filter.from} />
          <FilterInput name="to" type="date" label={t("evidenceLog.to")} value={filter.to} />
        </div>
        <div className="mt-4 flex flex-wrap items-end gap-4">
          {/* Filters the worklist links to (what one logged, what was retracted); kept while the others change. */}
          {filter.mine && <input type="hidden" name="mine" value={filter.mine} />}
          {filter.retracted && <input type="hidden" name="retracted" value={filter.retracted} />}
          <FilterInput name="q" type="search" label={t("evidenceLog.search")} hint={t("evidenceLog.searchHint")} value={filter.q} className="min-w-64 grow" />
          <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 text-white hover:bg-brand-800">
            {t("evidenceLog.apply")}
          </button>
          <Link href="/evidence" className="py-1.5 text-brand-700 underline-offset-2 hover:underline">
            {t("evidenceLog.clear")}
          </Link>
        </div>
      </form>
      </FilterFold>
      {invalid && (
        <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("evidenceLog.invalidFilters")}
        </p>
      )}
      <section aria-labelledby="records-heading" className="mt-8">
        <h2 id="records-heading" className="text-xl font-semibold">
          {t("evidenceLog.resultsHeading")}
        </h2>
        {evidence.items.length > 0 && (
          <p className="mt-1 text-sm text-slate-700">
            {t(evidence.moreThanTotal ? "evidenceLog.showingMore" : "evidenceLog.showing", {
              first: firstShown,
              last: firstShown + evidence.items.length - 1,
              total: evidence.total,
            })}
          </p>
        )}
        {evidence.total === 0 && Object.keys(filter).length > 0 ? (
          <EmptyFilterResult message={t("evidenceLog.noneMatch")} clearHref="/evidence" />
        ) : (
          <EvidenceList
            items={evidence.items}
            empty={evidence.total > 0 ? t("evidenceLog.pastLastPage", { page: evidence.page, pages: evidence.pageCount }) : t("evidenceLog.none")}
          />
        )}
        <Pager
          page={evidence.page}
          pageCount={evidence.pageCount}
          href={pageHref}
          labels={{
            pages: t("evidenceLog.pages"),
            previous: t("evidenceLog.previous"),
            next: t("evidenceLog.next"),
            pageOf: evidence.moreThanTotal
              ? t("evidenceLog.pageOfMore", { page: evidence.page, pages: evidence.pageCount - 1 })
              : t("evidenceLog.pageOf", { page: evidence.page, pages: evidence.pageCount }),
          }}
        />
      </section>
    </>
  );
}
