import { getTranslations } from "next-intl/server";
import { LanguageMark } from "@/components/plan-text";
import type { SearchResults } from "@/server/search";

const link = "text-brand-700 underline-offset-2 hover:underline";

/**
 * The results of a search, one section per kind with how many match in all.
 * Plain links rather than next/link: a client component per result to
 * serialize and hydrate would buy nothing on a page read once.
 */
export async function SearchResultGroups({ results }: { results: SearchResults }) {
  const t = await getTranslations();
  const found = results.groups.filter((group) => group.total > 0);
  return (
    <section aria-labelledby="search-results-heading" className="mt-8">
      <h2 id="search-results-heading" className="text-xl font-semibold">
        {t("search.resultsFor", { q: results.q })}
      </h2>
      {found.length === 0 && <p className="mt-2">{t("search.noneMatch", { q: results.q })}</p>}
      {found.map((group) => (
        <section key={group.kind} aria-labelledby={`search-${group.kind}`} className="mt-6" data-testid={`search-group-${group.kind}`}>
          <h3 id={`search-${group.kind}`} className="text-lg font-semibold">
            {t(`search.group.${group.kind}`)} <span className="text-base font-normal text-slate-600">({t("search.count", { total: group.total })})</span>
          </h3>
          {group.total > group.items.length && <p className="text-sm text-slate-700">{t("search.showingBest", { shown: group.items.length, total: group.total })}</p>}
          <ul className="mt-2 space-y-3">
            {group.items.map((item) => (
              <li key={item.id} className="rounded border border-slate-200 bg-white p-3">
                <p className="font-medium">
                  {"retracted" in item && item.retracted && (
                    <span className="mr-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">{t("commitment.retracted")}</span>
                  )}
                  <a href={item.href} className={link} lang={item.titleLang}>
                    {item.title}
                  </a>{" "}
                  <LanguageMark lang={item.titleLang} />
                </p>
                {"assessmentKind" in item && (
                  <p className="text-xs text-slate-600">
                    {t("search.assessmentDetail", { kind: t(`assessment.kind.${item.assessmentKind}`), state: t(`assessment.state.${item.state}`), round: item.round })}
                  </p>
                )}
                {item.snippet && (
                  <p className="mt-1 text-sm text-slate-700" lang={item.snippetLang}>
                    {item.snippet}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
