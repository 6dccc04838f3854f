import { Link } from "@/components/link";
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import {
  amendAssessmentAction,
  publishAssessmentAction,
  returnAssessmentAction,
  saveAssessmentAction,
} from "@/app/actions/assessments";
import { AssessmentForm } from "@/components/assessments/assessment-form";
import { StepForm } from "@/components/assessments/step-form";
import { AssessmentStateBadge } from "@/components/assessments/verdict";
import { ClientMessages } from "@/components/client-messages";
import { EvidenceList } from "@/components/evidence-list";
import { recordPageMetadata } from "@/components/page-title";
import { Section } from "@/components/section";
import { VerdictPair } from "@/components/verdict-pair";
import { citableEvidence, getAssessment } from "@/server/assessments";
import { actorForPage, recordForPage } from "@/server/pages";
import { can } from "@/server/permissions";
import { isoDate } from "@/server/validation";
import { LanguageMark, PlanText } from "@/components/plan-text";
import { planTextStrings } from "@/components/plan-text-server";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [assessment, t, planText] = await Promise.all([recordForPage(getAssessment, (await params).id), getTranslations("pageTitle"), planTextStrings()]);
  // An assessment has no title of its own: its subject and round name it.
  const round = planText(assessment.round.title, assessment.round.titleEs);
  const name = assessment.commitment
    ? t("assessmentOfCommitment", { title: planText(assessment.commitment.title, assessment.commitment.titleEs), round })
    : t("assessmentOfPillar", { number: assessment.pillar.number, round });
  return recordPageMetadata(name, assessment.kind);
}

export default async function AssessmentPage({ params }: Props) {
  const actor = await actorForPage();
  const { id } = await params;
  const assessment = await recordForPage(getAssessment, id);
  const [citable, t, format, planText] = await Promise.all([
    assessment.mayEdit ? citableEvidence(actor, assessment.id) : Promise.resolve([]),
    getTranslations(),
    getFormatter(),
    planTextStrings(),
  ]);
  const moment = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeStyle: "short" });
  const day = (value: Date) => format.dateTime(value, { dateStyle: "medium" });
  const newest = assessment.versions[0];
  const amended = assessment.versions.find((version) => version.edition === assessment.edition - 1);

  return (
    <ClientMessages of={["components/assessments/assessment-form", "components/assessments/step-form"]}>
      <p className="text-sm">
        <Link href={`/rounds/${assessment.round.id}`} className="text-brand-700 underline-offset-2 hover:underline">
          <PlanText en={assessment.round.title} es={assessment.round.titleEs} />
        </Link>
        {" › "}
        <Link href={`/pillars/${assessment.pillar.number}`} className="text-brand-700 underline-offset-2 hover:underline">
          {t("rounds.pillarOption", { number: assessment.pillar.number, name: planText(assessment.pillar.name, assessment.pillar.nameEs) })}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-semibold">
        {assessment.commitment ? t("assessment.titleCommitment", { title: planText(assessment.commitment.title, assessment.commitment.titleEs) }) : t("assessment.title", { number: assessment.pillar.number })}
      </h1>
      <p className="mt-2 flex flex-wrap items-center gap-2 text-sm" data-testid="assessment-header">
        <AssessmentStateBadge state={assessment.state} />
        <span>{t(`assessment.kind.${assessment.kind}`)}</span>
        <span>· {t("assessment.edition", { edition: assessment.edition })}</span>
      </p>
      {amended && <p className="mt-2 text-sm">{t("assessment.amends", { edition: amended.edition })}</p>}
      {newest && newest.id !== assessment.id && newest.state === "published" && assessment.state === "published" && (
        <p role="note" className="mt-2 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {t("assessment.amendedBy")}{" "}
          <Link href={`/assessments/${newest.id}`} className="font-medium underline">
            {t("assessment.openNewer")}
          </Link>
        </p>
      )}
      {assessment.returnComment && (assessment.state === "returned" || assessment.state === "submitted") && (
        <div className="mt-4 max-w-3xl rounded border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950" data-testid="return-comment">
          <p className="font-medium">{t("assessment.returnedBy", { name: assessment.returnedBy?.name ?? "" })}</p>
          <p className="mt-1 whitespace-pre-line">{assessment.returnComment}</p>
        </div>
      )}

      <dl className="mt-4 grid max-w-3xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="font-medium">{t("assessment.advances")}</dt>
        <dd data-testid="verdict-advances">{assessment.advances ? t(`advances.${assessment.advances}`) : t("assessment.notRated")}</dd>
        <dt className="font-medium">{t("assessment.results")}</dt>
        <dd data-testid="verdict-results">{assessment.results ? t(`results.${assessment.results}`) : t("assessment.notRated")}</dd>
        <dt className="font-medium">{t("assessment.author")}</dt>
        <dd>{assessment.author.name}</dd>
        {assessment.agency && (
          <>
            <dt className="font-medium">{t("assessment.agency")}</dt>
            <dd>{assessment.agency.name}</dd>
          </>
        )}
        {assessment.submittedAt && (
          <>
            <dt className="font-medium">{t("assessment.state.submitted")}</dt>
            <dd>{t("assessment.submittedOn", { date: moment(assessment.submittedAt) })}</dd>
          </>
        )}
        {assessment.publishedAt && (
          <>
            <dt className="font-medium">{t("assessment.state.published")}</dt>
            <dd>{t("assessment.publishedBy", { name: assessment.publishedBy?.name ?? "", date: day(assessment.publishedAt) })}</dd>
          </>
        )}
      </dl>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Section id="narrative-heading" title={t("assessment.narrative")}>
          {assessment.narrative.trim() === "" ? (
            <p className="mt-2" data-testid="narrative">
              {t("assessment.noNarrative")}
            </p>
          ) : (
            <>
              <p className="mt-2 whitespace-pre-line" data-testid="narrative" lang={assessment.narrativeLanguage}>
                {assessment.narrative}
              </p>
              <LanguageMark lang={assessment.narrativeLanguage} />
            </>
          )}
        </Section>
        <Section id="cited-heading" title={t("assessment.citedHeading")}>
          <EvidenceList items={assessment.citations.map((citation) => citation.evidence)} empty={t("assessment.noCitations")} />
        </Section>
      </div>

      {assessment.beside.length > 0 && (
        <Section id="beside-heading" title={t("assessment.besideHeading")} className="mt-8">
          <ul className="mt-2 space-y-2 text-sm">
            {assessment.beside.map((other) => (
              <li key={other.id} className="rounded border border-slate-200 bg-white p-3">
                <Link href={`/assessments/${other.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  {other.kind === "self_assessment"
                    ? t("assessment.besideSelf", { agency: other.agency?.name ?? "" })
                    : t("assessment.besideIndependent", { name: other.author.name })}
                </Link>
                {other.commitment && (
                  <span className="text-slate-600">
                    {" "}
                    · <PlanText en={other.commitment.title} es={other.commitment.titleEs} />
                  </span>
                )}
                <span className="block">
                  <VerdictPair advances={other.advances} results={other.results} />
                </span>
                <span className={other.comparison.flagged ? "mt-1 inline-block rounded bg-red-100 px-1.5 py-0.5 font-semibold text-red-800" : "mt-1 block text-slate-600"}>
                  {other.comparison.flagged ? `⚑ ${t("rounds.flagged")}` : t("rounds.notFlagged")}
                </span>
              </li>
            ))}
          </ul>
        </Section>
      )}

      {assessment.round.status === "closed" && (assessment.state === "draft" || assessment.state === "returned") && (
        <p className="mt-6 text-sm">{t("assessment.roundClosedNote")}</p>
      )}

      {assessment.mayEdit && (
        <div className="mt-8 grid max-w-4xl gap-6">
          <AssessmentForm
            action={saveAssessmentAction.bind(null, assessment.id)}
            saved={{
              version: assessment.version,
              advances: assessment.advances,
              results: assessment.results,
              narrative: assessment.narrative,
              evidenceIds: assessment.citations.map((citation) => citation.evidenceId),
            }}
            citable={citable.map((evidence) => ({
              id: evidence.id,
              title: evidence.title,
              publisher: evidence.publisher,
              publishedOn: evidence.publishedOn ? isoDate(evidence.publishedOn) : null,
              commitmentTitle: planText(evidence.commitment.title, evidence.commitment.titleEs),
            }))}
          />
        </div>
      )}

      {assessment.mayDecide && (
        <div className="mt-8 grid max-w-4xl gap-6 lg:grid-cols-2">
          <StepForm
            id="publish"
            action={publishAssessmentAction.bind(null, assessment.id)}
            version={assessment.version}
            heading={t("assessment.decideHeading")}
            label={t("assessment.publish")}
            pendingLabel={t("assessment.publishing")}
          />
          <StepForm
            id="return"
            action={returnAssessmentAction.bind(null, assessment.id)}
            version={assessment.version}
            heading={t("assessment.return")}
            label={t("assessment.return")}
            pendingLabel={t("assessment.returning")}
            withComment
          />
        </div>
      )}
      {assessment.state === "submitted" && can(actor, "assessment.decide") && assessment.authorId === actor.id && (
        <p className="mt-6 text-sm">{t("assessment.ownWork")}</p>
      )}

      {assessment.mayAmend && (
        <div className="mt-8 max-w-2xl">
          <StepForm
            id="amend"
            action={amendAssessmentAction.bind(null, assessment.id)}
            heading={t("assessment.amendHeading")}
            hint={t("assessment.amendHint")}
            label={t("assessment.amend")}
            pendingLabel={t("assessment.amending")}
          />
        </div>
      )}

      {assessment.versions.length > 1 && (
        <Section id="versions-heading" title={t("assessment.versionsHeading")} className="mt-8">
          <ol className="mt-2 space-y-1 text-sm" data-testid="versions">
            {assessment.versions.map((version) => (
              <li key={version.id}>
                {version.id === assessment.id ? (
                  <span>
                    {t("assessment.versionItem", { edition: version.edition, state: t(`assessment.state.${version.state}`) })} {t("assessment.current")}
                  </span>
                ) : (
                  <Link href={`/assessments/${version.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                    {t("assessment.versionItem", { edition: version.edition, state: t(`assessment.state.${version.state}`) })}
                  </Link>
                )}
              </li>
            ))}
          </ol>
        </Section>
      )}
    </ClientMessages>
  );
}
