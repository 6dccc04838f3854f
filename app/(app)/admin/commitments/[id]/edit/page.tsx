import { getTranslations } from "next-intl/server";
import { setCommitmentArchivedAction, updateCommitmentAction } from "@/app/actions/plan";
import { ClientMessages } from "@/components/client-messages";
import { recordPageMetadata } from "@/components/page-title";
import { planTextStrings } from "@/components/plan-text-server";
import { CommitmentForm } from "@/components/plan/commitment-form";
import { ArchiveSection, EditHeading } from "@/components/plan/plan-record-edit";
import { getCommitment } from "@/server/commitments";
import { isoDate } from "@/server/validation";
import { actorForPageWith, recordForPage } from "@/server/pages";
import { getPlanFormOptions } from "@/server/plan-admin";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const [commitment, planText] = await Promise.all([recordForPage(getCommitment, (await params).id, "plan.manage"), planTextStrings()]);
  return recordPageMetadata(planText(commitment.title, commitment.titleEs), "editCommitment");
}

export default async function EditCommitmentPage({ params }: Props) {
  const actor = await actorForPageWith("plan.manage");
  const { id } = await params;
  const [commitment, options, t, planText] = await Promise.all([recordForPage(getCommitment, id, "plan.manage"), getPlanFormOptions(actor), getTranslations("planAdmin"), planTextStrings()]);
  const archived = commitment.archivedAt !== null;
  return (
    <ClientMessages of={["components/plan/commitment-form"]}>
      <EditHeading href={`/commitments/${commitment.id}`} viewLabel={t("viewCommitment", { title: planText(commitment.title, commitment.titleEs) })} title={t("commitmentEditTitle")} archived={archived} />
      <CommitmentForm
        action={updateCommitmentAction.bind(null, commitment.id)}
        options={options}
        commitment={{
          pillarId: commitment.pillarId,
          title: commitment.title,
          titleEs: commitment.titleEs,
          description: commitment.description,
          descriptionEs: commitment.descriptionEs,
          leadParty: commitment.leadParty,
          agencyIds: commitment.agencies.map(({ agencyId }) => agencyId),
          startDate: isoDate(commitment.startDate),
          targetDate: isoDate(commitment.targetDate),
          sourceCitation: commitment.sourceCitation,
          ownerId: commitment.ownerId,
          version: commitment.version,
        }}
      />
      <ArchiveSection kind="commitment" action={setCommitmentArchivedAction.bind(null, commitment.id, !archived)} version={commitment.version} archived={archived} />
    </ClientMessages>
  );
}
