import { getTranslations } from "next-intl/server";
import { createPillarAction } from "@/app/actions/plan";
import { ClientMessages } from "@/components/client-messages";
import { PillarForm } from "@/components/plan/pillar-form";
import { actorForPageWith } from "@/server/pages";

export async function generateMetadata() {
  const t = await getTranslations("planAdmin");
  return { title: t("pillarNewTitle") };
}

export default async function NewPillarPage() {
  await actorForPageWith("plan.manage");
  const t = await getTranslations("planAdmin");
  return (
    <ClientMessages of={["components/plan/pillar-form"]}>
      <h1 className="text-2xl font-semibold">{t("pillarNewTitle")}</h1>
      <PillarForm action={createPillarAction} />
    </ClientMessages>
  );
}
