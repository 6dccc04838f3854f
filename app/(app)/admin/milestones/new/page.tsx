import { getTranslations } from "next-intl/server";
import { createMilestoneAction } from "@/app/actions/plan";
import { ClientMessages } from "@/components/client-messages";
import { MilestoneForm } from "@/components/plan/milestone-form";
import { actorForPageWith } from "@/server/pages";
import { getPlanFormOptions } from "@/server/plan-admin";

type Props = { searchParams: Promise<{ commitment?: string | string[] }> };

export async function generateMetadata() {
  const t = await getTranslations("planAdmin");
  return { title: t("milestoneNewTitle") };
}

export default async function NewMilestonePage({ searchParams }: Props) {
  const actor = await actorForPageWith("plan.manage");
  const { commitment } = await searchParams;
  const [options, t] = await Promise.all([getPlanFormOptions(actor), getTranslations("planAdmin")]);
  return (
    <ClientMessages of={["components/plan/milestone-form"]}>
      <h1 className="text-2xl font-semibold">{t("milestoneNewTitle")}</h1>
      <MilestoneForm action={createMilestoneAction} options={options} commitmentId={typeof commitment === "string" ? commitment : undefined} />
    </ClientMessages>
  );
}
