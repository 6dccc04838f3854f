import { Link } from "@/components/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ComparisonTable } from "@/components/assessments/comparison-table";
import { FrozenDigests } from "@/components/frozen-digests";
import { recordPageMetadata } from "@/components/page-title";
import { PrintButton } from "@/components/print-button";
import { FrozenEnglish } from "@/components/rounds/frozen-english";
import { ReportFigures, ReportSummary } from "@/components/rounds/report-summary";
import { Section } from "@/components/section";
import { VerdictPair } from "@/components/verdict-pair";
import { recordForPage } from "@/server/pages";
import { roundReport } from "@/server/round-report";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const report = await recordForPage(roundReport, (await params).id);
  return recordPageMetadata(report.round.title, "report");
}

export default async function RoundReportPage({ params }: Props) {
  const { id } = await params;
  const report = await recordForPage(roundReport, id);
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "long" });
  return (
    <article className="max-w-4xl">
      <p className="no-print text-sm">
        <Link href={`/rounds/${report.round.id}`} className="text-brand-700 underline-offset-2 hover:underline">
          <FrozenEnglish>{report.round.title}</FrozenEnglish>
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-semibold">{t.rich("report.heading", { title: report.round.title, frozen: (chunks) => <FrozenEnglish>{chunks}</FrozenEnglish> })}</h1>
      <p className="mt-2 text-sm text-slate-700">
        {t("report.intro", { start: day(report.round.periodStart), end: day(report.round.periodEnd), asOf: day(report.asOf) })}
      </p>
      <p className="no-print mt-4 flex flex-wrap gap-4">
        <PrintButton label={t("report.print")} />
        <a href={`/api/v1/rounds/${report.round.id}/report.pdf`} download className="rounded border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50">
          {t("report.downloadPdf")}
        </a>
      </p>

      {report.frozen ? (
        <FrozenDigests frozen={report.frozen} />
      ) : (
        // Only a closed round's report is frozen: an open one's can still change.
        <p role="note" data-testid="report-provisional" className="mt-4 rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {t("report.provisional", { published: report.pillars.filter((pillar) => pillar.verdicts.length > 0).length, total: report.pillars.length })}
        </p>
      )}

      <ReportSummary pillars={report.pillars.map((pillar) => ({ ...pillar, verdict: pillar.verdicts[0] ?? null }))} flagged={report.comparisons.filter((pair) => pair.comparison?.flagged).length} />

      {report.pillars.map((pillar) => (
        <section key={pillar.id} aria-labelledby={`report-pillar-${pillar.number}`} className="mt-8 break-inside-avoid-page">
          <h2 id={`report-pillar-${pillar.number}`} className="text-xl font-semibold">
            {t.rich("report.frozenPillarHeading", { number: pillar.number, name: pillar.name, frozen: (chunks) => <FrozenEnglish>{chunks}</FrozenEnglish> })}
          </h2>
          {pillar.verdicts.length === 0 && <p className="mt-2 text-sm">{t("report.noVerdict")}</p>}
          {pillar.verdicts.map((verdict) => (
            <div key={verdict.id} className="mt-2">
              <p className="text-lg">
                <VerdictPair advances={verdict.advances} results={verdict.results} />
              </p>
              <p className="text-xs text-slate-600">
                {t("report.by", { name: verdict.author.name, edition: verdict.edition, date: verdict.publishedAt ? format.dateTime(verdict.publishedAt, { dateStyle: "medium" }) : "" })}
              </p>
              <p className="mt-2 whitespace-pre-line text-sm">{verdict.narrative}</p>
              <h3 className="mt-3 font-semibold">{t("report.citedHeading")}</h3>
              {verdict.citations.length === 0 ? (
                <p className="text-sm">{t("report.noCitations")}</p>
              ) : (
                <ol className="mt-1 list-decimal space-y-1 pl-5 text-sm">
                  {verdict.citations.map(({ evidence }) => (
                    <li key={evidence.id}>
                      <Link href={`/evidence/${evidence.id}`} className="text-brand-700 underline underline-offset-2">
                        {evidence.title}
                      </Link>{" "}
                      — {t("report.source", { publisher: evidence.publisher, date: evidence.publishedOn ? format.dateTime(evidence.publishedOn, { dateStyle: "medium" }) : "" })}
                      {evidence.url && <span className="block break-all text-xs text-slate-600">{evidence.url}</span>}
                      {evidence.retraction && <span className="block text-xs font-semibold text-red-800">{t("report.retracted", { reason: evidence.retraction.reason })}</span>}
                    </li>
                  ))}
                </ol>
              )}
            </div>
          ))}
          <ReportFigures number={pillar.number} milestonesByStatus={pillar.milestonesByStatus} asOf={report.asOf} />
        </section>
      ))}

      {report.comparisons.length > 0 && (
        <Section id="report-self-heading" title={t("report.selfHeading")} className="mt-8">
          <ComparisonTable rows={report.comparisons} firstColumn="commitment" />
        </Section>
      )}
    </article>
  );
}
