import { getFormatter, getTranslations } from "next-intl/server";
import { publicLocale } from "@/components/public/addresses";
import { Table, TableHead } from "@/components/table";
import { openDataDictionary } from "@/server/open-data";
import { orNotFound } from "@/server/pages";

export async function generateMetadata() {
  const t = await getTranslations("public.data");
  return { title: t("title") };
}

const link = "text-brand-700 underline underline-offset-2";

export default async function PublicDataPage() {
  const [dictionary, t, format, locale] = await Promise.all([orNotFound(openDataDictionary()), getTranslations("public.data"), getFormatter(), publicLocale()]);
  const day = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "long" }) : t("notYet"));
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("intro")}</p>
      <p className="mt-2 max-w-3xl text-slate-700" data-testid="open-data-licence">
        {t.rich("licence", {
          licence: dictionary.licence.name,
          link: (chunks) => (
            <a href={dictionary.licence.url} rel="license" className={link}>
              {chunks}
            </a>
          ),
        })}
      </p>
      <p className="mt-2 max-w-3xl text-slate-700" data-testid="open-data-last-change">
        {dictionary.lastChanged ? t("lastChanged", { date: day(dictionary.lastChanged) }) : t("neverChanged")}
      </p>
      <p className="mt-2 max-w-3xl text-slate-700">{t("languages")}</p>

      <h2 className="mt-8 text-xl font-semibold">{t("filesHeading")}</h2>
      <Table className="mt-4 w-full text-left text-sm" testId="open-data-files" caption={t("filesCaption")}>
        <TableHead columns={[t("fileColumn"), t("contentsColumn"), t("downloadColumn"), t("changedColumn")]} />
        <tbody>
          {dictionary.files.map((file) => (
            <tr key={file.name} className="border-b border-slate-100 align-top">
              <th scope="row" className="py-2 pr-2 font-medium">
                <a href={`#columns-${file.name}`} className={link}>
                  {file.name}
                </a>
              </th>
              <td className="py-2 pr-2">{file.description[locale]}</td>
              <td className="py-1 pr-2">
                {/* Each link a touch target of its own, as tall as a finger needs. */}
                <ul className="flex flex-wrap gap-x-4">
                  <li>
                    <a href={file.csv} download className={`${link} inline-block whitespace-nowrap py-1`}>
                      {t("csvLink", { file: file.name })}
                    </a>
                  </li>
                  <li>
                    <a href={file.json} download className={`${link} inline-block whitespace-nowrap py-1`}>
                      {t("jsonLink", { file: file.name })}
                    </a>
                  </li>
                </ul>
              </td>
              <td className="py-2">{day(file.lastChanged)}</td>
            </tr>
          ))}
        </tbody>
      </Table>

      <h2 className="mt-8 text-xl font-semibold">{t("dictionaryHeading")}</h2>
      <p className="mt-2 max-w-3xl text-slate-700">
        {t("dictionaryIntro")}{" "}
        <a href="/public/data/dictionary.json" className={link}>
          {t("dictionaryLink")}
        </a>
      </p>
      {dictionary.files.map((file) => (
        <section key={file.name} id={`columns-${file.name}`} aria-labelledby={`columns-${file.name}-heading`} className="mt-6">
          <h3 id={`columns-${file.name}-heading`} className="text-lg font-semibold">
            {file.name}
          </h3>
          <Table className="mt-2 w-full text-left text-sm" testId={`open-data-columns-${file.name}`} caption={t("columnsCaption", { file: file.name })}>
            <TableHead columns={[t("columnColumn"), t("typeColumn"), t("meaningColumn")]} />
            <tbody>
              {file.columns.map((column) => (
                <tr key={column.name} className="border-b border-slate-100 align-top">
                  <th scope="row" className="py-2 pr-2 font-mono text-xs font-normal">
                    {column.name}
                  </th>
                  <td className="py-2 pr-2">{t(`types.${column.type}`)}</td>
                  <td className="py-2">
                    {column.description[locale]}
                    {column.values && <span className="block text-xs text-slate-600">{t("values", { values: column.values.join(", ") })}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </section>
      ))}
    </>
  );
}
