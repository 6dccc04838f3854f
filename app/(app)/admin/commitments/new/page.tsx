import { getTranslations } from "next-intl/server";
import { createCommitmentAction } from "@/app/actions/plan";
import { ClientMessages } from "@/components/client-messages";
import { CommitmentForm } from "@/components/plan/commitment-form";
import { actorForPageWith } from "@/server/pages";
import { getPlanFormOptions } from "@/server/plan-admin";

type Props = { searchParams: Promise<{ pillar?: string | string[] }> };

export async function generateMetadata() {
  const t = await getTranslations("planAdmin");
  return { title: t("commitmentNewTitle") };
}

export default async function NewCommitmentPage({ searchParams }: Props) {
  const actor = await actorForPageWith("plan.manage");
  const { pillar } = await searchParams;
  const [options, t] = await Promise.all([getPlanFormOptions(actor), getTranslations("planAdmin")]);
  return (
    <ClientMessages of={["components/plan/commitment-form"]}>
      <h1 className="text-2xl font-semibold">{t("commitmentNewTitle")}</h1>
      <CommitmentForm action={createCommitmentAction} options={options} pillarId={typeof pillar === "string" ? pillar : undefined} />
    </ClientMessages>
  );
}
