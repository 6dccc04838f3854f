import { Link } from "@/components/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { retractEvidenceAction } from "@/app/actions/evidence";
import { ClientMessages } from "@/components/client-messages";
import { recordPageMetadata } from "@/components/page-title";
import { RetractForm } from "@/components/evidence/retract-form";
import { VerdictPair } from "@/components/verdict-pair";
import { getEvidence } from "@/server/evidence";
import { recordForPage } from "@/server/pages";
import { LanguageMark, PlanText } from "@/components/plan-text";
import { planTextStrings } from "@/components/plan-text-server";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const evidence = await recordForPage(getEvidence, (await params).id);
  return recordPageMetadata(evidence.title, "evidence");
}

const link = "text-brand-700 underline-offset-2 hover:underline";

export default async function EvidencePage({ params }: Props) {
  const { id } = await params;
  const [evidence, t, format, planText] = await Promise.all([recordForPage(getEvidence, id), getTranslations(), getFormatter(), planTextStrings()]);
  const day = (value: Date) => format.dateTime(value, { dateStyle: "medium" });
  const moment = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeStyle: "short" });
  const { commitment, retraction } = evidence;
  return (
    <ClientMessages of={["components/evidence/retract-form"]}>
      <p className="text-sm">
        <Link href="/evidence" className={link}>
          {t("evidenceLog.backToLog")}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-semibold">
        {retraction && (
          <span className="mr-2 inline-block rounded bg-red-100 px-2 py-0.5 align-middle text-sm font-semibold text-red-800">{t("commitment.retracted")}</span>
        )}
        <span lang={evidence.language}>{evidence.title}</span> <LanguageMark lang={evidence.language} />
      </h1>
      {retraction && (
        <section aria-labelledby="retraction-heading" className="mt-4 max-w-3xl rounded border border-red-300 bg-red-50 p-4 text-sm text-red-900">
          <h2 id="retraction-heading" className="text-lg font-semibold">
            {t("evidenceLog.retractedHeading")}
          </h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1">
            <dt className="font-medium">{t("evidenceLog.retractionReason")}</dt>
            <dd className="whitespace-pre-line">{retraction.reason}</dd>
            <dt className="font-medium">{t("evidenceLog.retractedBy")}</dt>
            <dd>{retraction.author.name}</dd>
            <dt className="font-medium">{t("evidenceLog.retractedOn")}</dt>
            <dd>{moment(retraction.createdAt)}</dd>
          </dl>
        </section>
      )}
      <dl className="mt-4 grid max-w-3xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="font-medium">{t("evidenceLog.commitment")}</dt>
        <dd>
          <Link href={`/commitments/${commitment.id}`} className={link}>
            <PlanText en={commitment.title} es={commitment.titleEs} />
          </Link>
        </dd>
        <dt className="font-medium">{t("evidenceLog.pillar")}</dt>
        <dd>
          <Link href={`/pillars/${commitment.pillar.number}`} className={link}>
            {t("commitment.pillarLink", { number: commitment.pillar.number, name: planText(commitment.pillar.name, commitment.pillar.nameEs) })}
          </Link>
        </dd>
        <dt className="font-medium">{t("evidenceLog.milestone")}</dt>
        <dd>
          {evidence.milestone ? (
            <Link href={`/milestones/${evidence.milestone.id}`} className={link}>
              <PlanText en={evidence.milestone.title} es={evidence.milestone.titleEs} />
            </Link>
          ) : (
            t("evidenceLog.wholeCommitment")
          )}
        </dd>
        <dt className="font-medium">{t("evidenceLog.kind")}</dt>
        <dd>{t(`evidenceKind.${evidence.kind}`)}</dd>
        <dt className="font-medium">{t("evidenceLog.publisher")}</dt>
        <dd>{evidence.publisher}</dd>
        <dt className="font-medium">{t("evidenceLog.publishedOn")}</dt>
        <dd>{evidence.publishedOn ? day(evidence.publishedOn) : t("evidenceLog.notDated")}</dd>
        <dt className="font-medium">{t("evidenceLog.url")}</dt>
        <dd className="break-all">
          {evidence.url ? (
            <a href={evidence.url} rel="noopener noreferrer" className={link}>
              {evidence.url}
            </a>
          ) : (
            t("evidenceLog.noUrl")
          )}
        </dd>
        <dt className="font-medium">{t("evidenceLog.shows")}</dt>
        <dd>{t(`evidenceShows.${evidence.shows}`)}</dd>
        <dt className="font-medium">{t("evidenceLog.reliability")}</dt>
        <dd>{t(`reliability.${evidence.reliability}`)}</dd>
        <dt className="font-medium">{t("evidenceLog.summary")}</dt>
        <dd className="whitespace-pre-line" lang={evidence.language}>
          {evidence.summary}
        </dd>
        <dt className="font-medium">{t("evidenceLog.author")}</dt>
        <dd>{evidence.author.name}</dd>
        <dt className="font-medium">{t("evidenceLog.loggedOn")}</dt>
        <dd>{moment(evidence.createdAt)}</dd>
      </dl>
      <p className="mt-4 max-w-3xl text-sm text-slate-700">{t("evidenceLog.neverEdited")}</p>
      <h2 className="mt-8 text-xl font-semibold">{t("evidenceLog.citedByHeading")}</h2>
      {evidence.citations.length === 0 ? (
        <p className="mt-2 text-sm">{t("evidenceLog.noCitations")}</p>
      ) : (
        <ul className="mt-3 max-w-3xl space-y-2" data-testid="cited-by">
          {evidence.citations.map(({ assessment }) => (
            <li key={assessment.id} className="rounded border border-slate-200 bg-white px-4 py-3 text-sm">
              <Link href={`/assessments/${assessment.id}`} className={`font-medium ${link}`}>
                {t("evidenceLog.citation", { round: planText(assessment.round.title, assessment.round.titleEs), number: assessment.pillar.number })}
              </Link>
              <p className="mt-1">
                <VerdictPair advances={assessment.advances} results={assessment.results} />
              </p>
            </li>
          ))}
        </ul>
      )}
      {evidence.mayRetract && <RetractForm action={retractEvidenceAction.bind(null, evidence.id)} />}
    </ClientMessages>
  );
}
