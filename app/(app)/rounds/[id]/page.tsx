import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { AssessmentStateBadge, VerdictPair } from "@/components/assessments/verdict";
import { CloseRoundForm } from "@/components/rounds/close-round-form";
import { StartAssessmentForm } from "@/components/rounds/start-assessment-form";
import { assessmentSubjects, listAssessments, selfAssessmentComparisons } from "@/server/assessments";
import { actorForPage, orNotFound } from "@/server/pages";
import { can } from "@/server/permissions";
import { getRound } from "@/server/rounds";
import { TableHead } from "@/components/table";

type Props = { params: Promise<{ id: string }> };

export default async function RoundPage({ params }: Props) {
  const actor = await actorForPage();
  const { id } = await params;
  const round = await orNotFound(getRound(actor, id));
  const [assessments, comparisons, subjects, t, format] = await Promise.all([
    listAssessments(actor, { round: round.id }),
    selfAssessmentComparisons(actor, round.id),
    assessmentSubjects(actor),
    getTranslations(),
    getFormatter(),
  ]);
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium" });
  const pillars = [...new Map(assessments.map((row) => [row.pillar.id, row.pillar])).values()];
  const open = round.status === "open";
  const gap = (value: number | null) => (value === null ? t("rounds.notComparable") : String(value));

  return (
    <>
      <p className="text-sm">
        <Link href="/rounds" className="text-brand-700 underline-offset-2 hover:underline">
          {t("rounds.title")}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-semibold">{round.title}</h1>
      <dl className="mt-4 grid max-w-3xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="font-medium">{t("rounds.period")}</dt>
        <dd>{t("rounds.periodRange", { start: day(round.periodStart), end: day(round.periodEnd) })}</dd>
        <dt className="font-medium">{t("rounds.status")}</dt>
        <dd data-testid="round-status">
          {open ? t("rounds.open") : t("rounds.closed")}
          {round.closedAt && <> · {t("rounds.closedOn", { date: format.dateTime(new Date(round.closedAt), { dateStyle: "medium" }) })}</>}
        </dd>
        <dt className="font-medium">{t("rounds.openedBy")}</dt>
        <dd>{round.openedBy}</dd>
      </dl>

      {open && can(actor, "assessment.write") && (
        <StartAssessmentForm
          roundId={round.id}
          selfAssessment={false}
          pillars={subjects.pillars.map((pillar) => ({ value: pillar.id, label: t("rounds.pillarOption", { number: pillar.number, name: pillar.name }) }))}
          commitments={subjects.pillars.flatMap((pillar) =>
            pillar.commitments.map((commitment) => ({ value: commitment.id, label: t("rounds.commitmentOption", { number: pillar.number, title: commitment.title }) })),
          )}
        />
      )}
      {open &&
        can(actor, "selfAssessment.write") &&
        (subjects.ownCommitments.length === 0 ? (
          <p className="mt-6 text-sm">{t("rounds.noSelfCommitments")}</p>
        ) : (
          <StartAssessmentForm
            roundId={round.id}
            selfAssessment
            pillars={[]}
            commitments={subjects.ownCommitments.map((commitment) => ({
              value: commitment.id,
              label: t("rounds.commitmentOption", { number: commitment.pillar.number, title: commitment.title }),
            }))}
          />
        ))}

      <h2 className="mt-8 text-xl font-semibold">{t("rounds.assessmentsHeading")}</h2>
      {pillars.length === 0 && <p className="mt-2 text-sm">{t("rounds.noAssessments")}</p>}
      {pillars.map((pillar) => (
        <section key={pillar.id} aria-labelledby={`pillar-${pillar.number}`} className="mt-4">
          <h3 id={`pillar-${pillar.number}`} className="text-lg font-semibold">
            {t("rounds.pillarHeading", { number: pillar.number, name: pillar.name })}
          </h3>
          <table className="mt-2 w-full max-w-5xl border-collapse bg-white text-left text-sm">
            <TableHead columns={[t("rounds.subject"), t("rounds.kind"), t("rounds.author"), t("rounds.state"), <>{t("rounds.advances")} / {t("rounds.results")}</>, t("rounds.version")]} />
            <tbody>
              {assessments
                .filter((row) => row.pillar.id === pillar.id)
                .map((row) => (
                  <tr key={row.id} className="border-b border-slate-200">
                    <td className="p-2">
                      <Link href={`/assessments/${row.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                        {row.commitment?.title ?? t("assessment.wholePillar")}
                      </Link>
                    </td>
                    <td className="p-2">
                      {t(`assessment.kind.${row.kind}`)}
                      {row.agency && <> · {row.agency.name}</>}
                    </td>
                    <td className="p-2">{row.author.name}</td>
                    <td className="p-2">
                      <AssessmentStateBadge state={row.state} />
                    </td>
                    <td className="p-2">
                      <VerdictPair advances={row.advances} results={row.results} />
                    </td>
                    <td className="p-2">{row.edition}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}

      <h2 className="mt-8 text-xl font-semibold">{t("rounds.comparisonHeading")}</h2>
      <p className="mt-1 text-sm text-slate-700">{t("rounds.comparisonIntro")}</p>
      {comparisons.length === 0 ? (
        <p className="mt-2 text-sm">{t("rounds.noComparisons")}</p>
      ) : (
        <table className="mt-2 w-full max-w-5xl border-collapse bg-white text-left text-sm" data-testid="comparisons">
          <TableHead columns={[t("rounds.subject"), t("rounds.selfAssessment"), t("rounds.independentAssessment"), t("rounds.gap")]} />
          <tbody>
            {comparisons.map(({ self, independent, comparison }) => (
              <tr key={self.id} className="border-b border-slate-200">
                <td className="p-2">
                  {t("rounds.commitmentOption", { number: self.pillar.number, title: self.commitment?.title ?? "" })}
                  {self.agency && <span className="block text-xs text-slate-600">{self.agency.name}</span>}
                </td>
                <td className="p-2">
                  <Link href={`/assessments/${self.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                    <VerdictPair advances={self.advances} results={self.results} />
                  </Link>
                </td>
                <td className="p-2">
                  {independent ? (
                    <Link href={`/assessments/${independent.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                      <VerdictPair advances={independent.advances} results={independent.results} />
                    </Link>
                  ) : (
                    t("rounds.noCounterpart")
                  )}
                </td>
                <td className="p-2">
                  {comparison && (
                    <>
                      <span className={comparison.flagged ? "rounded bg-red-100 px-1.5 py-0.5 font-semibold text-red-800" : ""}>
                        {comparison.flagged ? `⚑ ${t("rounds.flagged")}` : t("rounds.notFlagged")}
                      </span>
                      <span className="block text-xs text-slate-600">
                        {t("rounds.gapValue", { advances: gap(comparison.advancesGap), results: gap(comparison.resultsGap) })}
                      </span>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {open && can(actor, "round.manage") && <CloseRoundForm roundId={round.id} />}
    </>
  );
}
