import { Link } from "@/components/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { closeRoundAction } from "@/app/actions/rounds";
import { ComparisonTable } from "@/components/assessments/comparison-table";
import { AssessmentTable } from "@/components/assessments/assessment-table";
import { ClientMessages } from "@/components/client-messages";
import { recordPageMetadata } from "@/components/page-title";
import { CloseRoundForm } from "@/components/rounds/close-round-form";
import { StartAssessmentForm } from "@/components/rounds/start-assessment-form";
import { assessmentSubjects, listAssessments, selfAssessmentComparisons } from "@/server/assessments";
import { actorForPage, recordForPage } from "@/server/pages";
import { can } from "@/server/permissions";
import { getRound } from "@/server/rounds";
import { PlanText } from "@/components/plan-text";
import { planTextStrings } from "@/components/plan-text-server";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const round = await recordForPage(getRound, (await params).id);
  return recordPageMetadata((await planTextStrings())(round.title, round.titleEs), "round");
}

export default async function RoundPage({ params }: Props) {
  const actor = await actorForPage();
  const { id } = await params;
  const round = await recordForPage(getRound, id);
  const [assessments, comparisons, subjects, t, format, planText] = await Promise.all([
    listAssessments(actor, { round: round.id }),
    selfAssessmentComparisons(actor, { round: round.id }),
    round.status === "open" ? assessmentSubjects(actor) : { pillars: [], ownCommitments: [] },
    getTranslations(),
    getFormatter(),
    planTextStrings(),
  ]);
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium" });
  const pillars = [...new Map(assessments.map((row) => [row.pillar.id, row.pillar])).values()];
  const open = round.status === "open";

  return (
    <ClientMessages of={["components/rounds/close-round-form", "components/rounds/start-assessment-form"]}>
      <p className="text-sm">
        <Link href="/rounds" className="text-brand-700 underline-offset-2 hover:underline">
          {t("rounds.title")}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-semibold">
        <PlanText en={round.title} es={round.titleEs} />
      </h1>
      <p className="mt-2 text-sm">
        <Link href={`/rounds/${round.id}/report`} className="font-medium text-brand-700 underline">
          {t("report.link")}
        </Link>
      </p>
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
          pillars={subjects.pillars.map((pillar) => ({ value: pillar.id, label: t("rounds.pillarOption", { number: pillar.number, name: planText(pillar.name, pillar.nameEs) }) }))}
          commitments={subjects.pillars.flatMap((pillar) =>
            pillar.commitments.map((commitment) => ({ value: commitment.id, label: t("rounds.commitmentOption", { number: pillar.number, title: planText(commitment.title, commitment.titleEs) }) })),
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
              label: t("rounds.commitmentOption", { number: commitment.pillar.number, title: planText(commitment.title, commitment.titleEs) }),
            }))}
          />
        ))}

      <h2 className="mt-8 text-xl font-semibold">{t("rounds.assessmentsHeading")}</h2>
      {pillars.length === 0 && <p className="mt-2 text-sm">{t("rounds.noAssessments")}</p>}
      {pillars.map((pillar) => (
        <section key={pillar.id} aria-labelledby={`pillar-${pillar.number}`} className="mt-4">
          <h3 id={`pillar-${pillar.number}`} className="text-lg font-semibold">
            {t("rounds.pillarHeading", { number: pillar.number, name: planText(pillar.name, pillar.nameEs) })}
          </h3>
          <AssessmentTable rows={assessments.filter((row) => row.pillar.id === pillar.id)} firstColumn="subject" />
        </section>
      ))}

      <h2 className="mt-8 text-xl font-semibold">{t("rounds.comparisonHeading")}</h2>
      <p className="mt-1 text-sm text-slate-700">{t("rounds.comparisonIntro")}</p>
      {comparisons.length === 0 ? (
        <p className="mt-2 text-sm">{t("rounds.noComparisons")}</p>
      ) : (
        <ComparisonTable rows={comparisons} firstColumn="commitment" />
      )}

      {open && can(actor, "round.manage") && <CloseRoundForm action={closeRoundAction.bind(null, round.id)} />}
    </ClientMessages>
  );
}
