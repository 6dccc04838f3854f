import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { TextField } from "@/components/form-fields";
import { SearchResultGroups } from "@/components/search-results";
import { actorForPage, orFieldErrors } from "@/server/pages";
import { search, searchMaxLength } from "@/server/search";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("search");
  return { title: t("title") };
}

export default async function SearchPage({ searchParams }: Props) {
  const actor = await actorForPage();
  const asked = (await searchParams).q;
  const q = Array.isArray(asked) ? asked[0] : asked;
  // Opened without words (from a link, say), the page asks for them; only words sent are searched and checked.
  const [t, answer] = await Promise.all([getTranslations("search"), q === undefined ? null : orFieldErrors(search(actor, { q }))]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("intro")}</p>
      <form method="get" action="/search" role="search" aria-label={t("title")} className="mt-6 flex max-w-3xl flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4">
        <div className="min-w-0 grow">
          <ClientMessages of={["components/form-fields"]}>
            <TextField name="q" type="search" label={t("field")} hint={t("hint")} issues={answer?.fieldErrors?.q} defaultValue={q} maxLength={searchMaxLength} />
          </ClientMessages>
        </div>
        <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("submit")}
        </button>
      </form>
      {answer?.result && <SearchResultGroups results={answer.result} />}
    </>
  );
}
