import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { EvidenceForm } from "@/components/evidence/evidence-form";
import { commitmentGroups, FilterSelect } from "@/components/evidence/filter-controls";
import { evidenceChoices } from "@/server/evidence";
import { pageAccess } from "@/server/pages";
import { planTextStrings } from "@/components/plan-text-server";

type Props = { searchParams: Promise<{ commitment?: string | string[]; milestone?: string | string[] }> };

export async function generateMetadata() {
  const t = await getTranslations("evidenceLog");
  return { title: t("newTitle") };
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/**
 * Logging evidence in two steps that work without JavaScript: a GET form
 * picks the commitment (`?commitment=`), then the form offers that
 * commitment's milestones, only those the actor may log on.
 */
export default async function NewEvidencePage({ searchParams }: Props) {
  const { actor, refused } = await pageAccess("evidence.log");
  const [t, planText] = await Promise.all([getTranslations(), planTextStrings()]);
  const heading = (
    <>
      <p className="text-sm">
        <Link href="/evidence" className="text-brand-700 underline-offset-2 hover:underline">
          {t("evidenceLog.backToLog")}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-semibold">{t("evidenceLog.newTitle")}</h1>
    </>
  );
  if (refused) {
    return (
      <>
        {heading}
        <p className="mt-2">{t("evidenceLog.forbidden")}</p>
      </>
    );
  }
  const query = await searchParams;
  const choices = await evidenceChoices(actor);
  const wanted = single(query.commitment);
  const chosen = choices.commitments.find((commitment) => commitment.id === wanted);
  if (chosen) {
    return (
      <>
        {heading}
        <ClientMessages of={["components/evidence/evidence-form"]}>
          <EvidenceForm commitment={chosen} milestones={chosen.milestones} milestoneRequired={choices.milestoneRequired} milestoneId={single(query.milestone)} />
        </ClientMessages>
      </>
    );
  }
  return (
    <>
      {heading}
      {choices.commitments.length === 0 ? (
        <p className="mt-2">{t("evidenceLog.noChoices")}</p>
      ) : (
        <>
          {wanted && (
            <p role="alert" className="mt-4 max-w-3xl rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
              {t("evidenceLog.notAChoice")}
            </p>
          )}
          <p className="mt-2 max-w-3xl text-slate-700">{t("evidenceLog.chooseCommitmentIntro")}</p>
          <form method="get" action="/evidence/new" className="mt-4 flex max-w-3xl flex-wrap items-end gap-4 rounded border border-slate-200 bg-white p-4">
            <FilterSelect
              name="commitment"
              label={t("evidenceLog.commitment")}
              anyLabel={t("evidenceLog.chooseCommitment")}
              groups={commitmentGroups(choices.commitments, (pillar) => t("evidenceLog.commitmentGroup", pillar), planText)}
            />
            <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
              {t("evidenceLog.continue")}
            </button>
          </form>
        </>
      )}
    </>
  );
}
