import { getTranslations } from "next-intl/server";
import { updatePillarAction } from "@/app/actions/plan";
import { ClientMessages } from "@/components/client-messages";
import { PillarForm } from "@/components/plan/pillar-form";
import { actorForPageWith, orNotFound } from "@/server/pages";
import { getPillarForEdit } from "@/server/plan-admin";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata() {
  const t = await getTranslations("planAdmin");
  return { title: t("pillarEditMetaTitle") };
}

export default async function EditPillarPage({ params }: Props) {
  const actor = await actorForPageWith("plan.manage");
  const { id } = await params;
  const [pillar, t] = await Promise.all([orNotFound(getPillarForEdit(actor, id)), getTranslations("planAdmin")]);
  return (
    <ClientMessages of={["components/plan/pillar-form"]}>
      <h1 className="text-2xl font-semibold">{t("pillarEditTitle", { number: pillar.number, name: pillar.name })}</h1>
      <PillarForm action={updatePillarAction.bind(null, pillar.id)} pillar={pillar} />
    </ClientMessages>
  );
}
