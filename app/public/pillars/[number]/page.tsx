import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PublicCommitments } from "@/components/public/commitments";
import { PublicVerdicts } from "@/components/public/verdicts";
import { orNotFound } from "@/server/pages";
import { publicPillar } from "@/server/public-record";
import { PlanText } from "@/components/plan-text";
import { planTextStrings } from "@/components/plan-text-server";

type Props = { params: Promise<{ number: string }> };

function pillarNumber(raw: string): number {
  if (!/^[1-9][0-9]{0,2}$/.test(raw)) notFound();
  return Number(raw);
}

export async function generateMetadata({ params }: Props) {
  const [{ pillar }, t, planText] = await Promise.all([orNotFound(publicPillar(pillarNumber((await params).number))), getTranslations("public.pillar"), planTextStrings()]);
  return { title: t("heading", { number: pillar.number, name: planText(pillar.name, pillar.nameEs) }) };
}

export default async function PublicPillarPage({ params }: Props) {
  const number = pillarNumber((await params).number);
  const [{ pillar, rounds }, t, planText] = await Promise.all([orNotFound(publicPillar(number)), getTranslations("public.pillar"), planTextStrings()]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("heading", { number: pillar.number, name: planText(pillar.name, pillar.nameEs) })}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        <PlanText en={pillar.description} es={pillar.descriptionEs} />
      </p>
      <PublicVerdicts rounds={rounds} />
      <PublicCommitments commitments={pillar.commitments} />
    </>
  );
}
