import { getTranslations } from "next-intl/server";
import { pillarNumberOf } from "@/components/public/addresses";
import { EmbedPillarCard } from "@/components/public/embed-cards";
import { planTextStrings } from "@/components/plan-text-server";
import { orNotFound } from "@/server/pages";
import { publicPillarFigures } from "@/server/public-record";

type Props = { params: Promise<{ number: string }> };

export async function generateMetadata({ params }: Props) {
  const [{ pillar }, t, planText] = await Promise.all([orNotFound(publicPillarFigures(pillarNumberOf((await params).number))), getTranslations("public.embed"), planTextStrings()]);
  return { title: t("pillarFrameTitle", { number: pillar.number, name: planText(pillar.name, pillar.nameEs) }) };
}

export default async function EmbedPillarPage({ params }: Props) {
  const { asOf, pillar } = await orNotFound(publicPillarFigures(pillarNumberOf((await params).number)));
  return <EmbedPillarCard asOf={asOf} pillar={pillar} />;
}
