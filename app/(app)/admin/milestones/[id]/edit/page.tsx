import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { setMilestoneArchivedAction, updateMilestoneAction } from "@/app/actions/plan";
import { ClientMessages } from "@/components/client-messages";
import { ArchiveForm } from "@/components/plan/archive-form";
import { ArchivedBadge } from "@/components/plan/archived-badge";
import { MilestoneForm } from "@/components/plan/milestone-form";
import { isoDate } from "@/server/validation";
import { getMilestone } from "@/server/milestones";
import { actorForPageWith, orNotFound } from "@/server/pages";
import { getPlanFormOptions } from "@/server/plan-admin";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata() {
  const t = await getTranslations("planAdmin");
  return { title: t("milestoneEditTitle") };
}

export default async function EditMilestonePage({ params }: Props) {
  const actor = await actorForPageWith("plan.manage");
  const { id } = await params;
  const [milestone, options, t] = await Promise.all([orNotFound(getMilestone(actor, id)), getPlanFormOptions(actor), getTranslations("planAdmin")]);
  const archived = milestone.archivedAt !== null;
  return (
    <ClientMessages of={["components/plan/archive-form", "components/plan/milestone-form"]}>
      <p className="text-sm">
        <Link href={`/milestones/${milestone.id}`} className="text-brand-700 underline-offset-2 hover:underline">
          {t("viewMilestone", { title: milestone.title })}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-semibold">
        {t("milestoneEditTitle")}
        {archived && <ArchivedBadge />}
      </h1>
      <MilestoneForm
        action={updateMilestoneAction.bind(null, milestone.id)}
        options={options}
        milestone={{
          commitmentId: milestone.commitmentId,
          title: milestone.title,
          description: milestone.description,
          dueDate: isoDate(milestone.dueDate) ?? "",
          ownerId: milestone.ownerId,
          version: milestone.version,
        }}
      />
      <section aria-labelledby="archive-heading" className="mt-10 max-w-3xl rounded border border-slate-300 bg-white p-4">
        <h2 id="archive-heading" className="text-lg font-semibold">
          {archived ? t("restoreHeading") : t("archiveHeading")}
        </h2>
        <p className="mt-1 mb-3 text-sm">{archived ? t("restoreMilestoneHelp") : t("archiveMilestoneHelp")}</p>
        <ArchiveForm action={setMilestoneArchivedAction.bind(null, milestone.id, !archived)} version={milestone.version} archived={archived} kind="milestone" />
      </section>
    </ClientMessages>
  );
}
