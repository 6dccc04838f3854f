import { getTranslations } from "next-intl/server";
import { setMilestoneArchivedAction, updateMilestoneAction } from "@/app/actions/plan";
import { ClientMessages } from "@/components/client-messages";
import { recordPageMetadata } from "@/components/page-title";
import { planTextStrings } from "@/components/plan-text-server";
import { MilestoneForm } from "@/components/plan/milestone-form";
import { ArchiveSection, EditHeading } from "@/components/plan/plan-record-edit";
import { isoDate } from "@/server/validation";
import { getMilestone } from "@/server/milestones";
import { actorForPageWith, recordForPage } from "@/server/pages";
import { getPlanFormOptions } from "@/server/plan-admin";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const [milestone, planText] = await Promise.all([recordForPage(getMilestone, (await params).id, "plan.manage"), planTextStrings()]);
  return recordPageMetadata(planText(milestone.title, milestone.titleEs), "editMilestone");
}

export default async function EditMilestonePage({ params }: Props) {
  const actor = await actorForPageWith("plan.manage");
  const { id } = await params;
  const [milestone, options, t, planText] = await Promise.all([recordForPage(getMilestone, id, "plan.manage"), getPlanFormOptions(actor), getTranslations("planAdmin"), planTextStrings()]);
  const archived = milestone.archivedAt !== null;
  return (
    <ClientMessages of={["components/plan/milestone-form"]}>
      <EditHeading href={`/milestones/${milestone.id}`} viewLabel={t("viewMilestone", { title: planText(milestone.title, milestone.titleEs) })} title={t("milestoneEditTitle")} archived={archived} />
      <MilestoneForm
        action={updateMilestoneAction.bind(null, milestone.id)}
        options={options}
        milestone={{
          commitmentId: milestone.commitmentId,
          title: milestone.title,
          titleEs: milestone.titleEs,
          description: milestone.description,
          descriptionEs: milestone.descriptionEs,
          dueDate: isoDate(milestone.dueDate) ?? "",
          ownerId: milestone.ownerId,
          version: milestone.version,
        }}
      />
      <ArchiveSection kind="milestone" action={setMilestoneArchivedAction.bind(null, milestone.id, !archived)} version={milestone.version} archived={archived} />
    </ClientMessages>
  );
}
