import { getFormatter, getTranslations } from "next-intl/server";
import { publicHref, publicLocale } from "@/components/public/addresses";
import { Table, TableHead } from "@/components/table";
import { orNotFound } from "@/server/pages";
import { publicRoundReports } from "@/server/public-rounds";
import { PlanText } from "@/components/plan-text";

export async function generateMetadata() {
  const t = await getTranslations("public.rounds");
  return { title: t("title") };
}

export default async function PublicRoundsPage() {
  const [rounds, t, format, locale] = await Promise.all([orNotFound(publicRoundReports()), getTranslations("public"), getFormatter(), publicLocale()]);
  const day = (date: Date) => format.dateTime(date, { dateStyle: "medium" });
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("rounds.title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("rounds.intro")}</p>
      {rounds.length === 0 ? (
        <p className="mt-6">{t("rounds.none")}</p>
      ) : (
        <Table className="mt-6 w-full text-left text-sm" testId="public-rounds" caption={t("rounds.caption")}>
          <TableHead columns={[t("rounds.roundColumn"), t("rounds.periodColumn"), t("rounds.closedColumn")]} />
          <tbody>
            {rounds.map((round) => (
              <tr key={round.roundId} className="border-b border-slate-100">
                <th scope="row" className="py-2 pr-2 font-normal">
                  <a href={publicHref(locale, `/rounds/${round.roundId}`)} className="text-brand-700 underline underline-offset-2">
                    <PlanText en={round.title} es={round.titleEs} />
                  </a>
                </th>
                <td className="py-2 pr-2">{t("pillar.periodValue", { start: day(round.periodStart), end: day(round.periodEnd) })}</td>
                <td className="py-2">{round.closedAt ? day(round.closedAt) : ""}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
