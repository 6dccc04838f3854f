import { getTranslations } from "next-intl/server";
import { updatePillarAction } from "@/app/actions/plan";
import { ClientMessages } from "@/components/client-messages";
import { recordPageMetadata } from "@/components/page-title";
import { planTextStrings } from "@/components/plan-text-server";
import { PillarForm } from "@/components/plan/pillar-form";
import { recordForPage } from "@/server/pages";
import { getPillarForEdit } from "@/server/plan-admin";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const [pillar, t, planText] = await Promise.all([recordForPage(getPillarForEdit, (await params).id, "plan.manage"), getTranslations("pillar"), planTextStrings()]);
  return recordPageMetadata(t("heading", { number: pillar.number, name: planText(pillar.name, pillar.nameEs) }), "editPillar");
}

export default async function EditPillarPage({ params }: Props) {
  const { id } = await params;
  const [pillar, t, planText] = await Promise.all([recordForPage(getPillarForEdit, id, "plan.manage"), getTranslations("planAdmin"), planTextStrings()]);
  return (
    <ClientMessages of={["components/plan/pillar-form"]}>
      <h1 className="text-2xl font-semibold">{t("pillarEditTitle", { number: pillar.number, name: planText(pillar.name, pillar.nameEs) })}</h1>
      <PillarForm action={updatePillarAction.bind(null, pillar.id)} pillar={pillar} />
    </ClientMessages>
  );
}
