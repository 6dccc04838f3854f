import { getFormatter, getTranslations } from "next-intl/server";
import { FrozenDigests } from "@/components/frozen-digests";
import { publicHref, publicLocale } from "@/components/public/addresses";
import { PublicRoundVerdicts } from "@/components/public/verdicts";
import { FrozenEnglish } from "@/components/rounds/frozen-english";
import { ReportFigures, ReportSummary } from "@/components/rounds/report-summary";
import { orNotFound } from "@/server/pages";
import { publicRoundReport } from "@/server/public-rounds";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const [report, t] = await Promise.all([orNotFound(publicRoundReport((await params).id)), getTranslations("report")]);
  return { title: t("title", { title: report.round.title }) };
}

export default async function PublicRoundReportPage({ params }: Props) {
  const { id } = await params;
  const [report, t, format, locale] = await Promise.all([orNotFound(publicRoundReport(id)), getTranslations(), getFormatter(), publicLocale()]);
  const { round } = report;
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "long" });
  const button = "rounded border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50";
  return (
    <>
      <p className="text-sm">
        <a href={publicHref(locale, "/rounds")} className="text-brand-700 underline-offset-2 hover:underline">
          {t("public.rounds.allReports")}
        </a>
      </p>
      <h1 className="mt-1 text-2xl font-semibold">{t.rich("report.heading", { title: round.title, frozen: (chunks) => <FrozenEnglish>{chunks}</FrozenEnglish> })}</h1>
      <p className="mt-2 max-w-3xl text-sm text-slate-700">{t("report.intro", { start: day(round.periodStart), end: day(round.periodEnd), asOf: day(report.asOf) })}</p>
      <p className="mt-4 flex flex-wrap gap-4">
        {/* The document is the same in every language: its address has none. */}
        <a href={`/public/rounds/${round.id}.json`} download={`round-report-${round.periodEnd}.json`} className={button}>
          {t("public.rounds.downloadJson")}
        </a>
        <a href={publicHref(locale, `/rounds/${round.id}/report.pdf`)} download className={button}>
          {t("report.downloadPdf")}
        </a>
      </p>
      <FrozenDigests frozen={report.digests} />
      <p className="mt-2 text-sm">
        {t.rich("public.rounds.verifyHint", {
          link: (chunks) => (
            <a href={publicHref(locale, "/verify")} className="text-brand-700 underline underline-offset-2">
              {chunks}
            </a>
          ),
        })}
      </p>
      <ReportSummary pillars={report.pillars} flagged={report.flagged} />
      {report.pillars.map((pillar) => (
        <section key={pillar.number} aria-labelledby={`report-pillar-${pillar.number}`} className="mt-8 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="public-report-pillar">
          <h2 id={`report-pillar-${pillar.number}`} className="text-xl font-semibold">
            {t.rich("report.frozenPillarHeading", { number: pillar.number, name: pillar.name, frozen: (chunks) => <FrozenEnglish>{chunks}</FrozenEnglish> })}
          </h2>
          <h3 className="mt-3 font-semibold">{t("public.pillar.verdictsHeading")}</h3>
          {pillar.verdicts.length === 0 ? (
            <p className="mt-1 text-sm">{t("public.rounds.noAssessments")}</p>
          ) : (
            <PublicRoundVerdicts caption={t("public.rounds.verdictsCaption", { number: pillar.number })} verdicts={pillar.verdicts} />
          )}
          <ReportFigures number={pillar.number} milestonesByStatus={pillar.milestonesByStatus} asOf={report.asOf} />
        </section>
      ))}
    </>
  );
}
