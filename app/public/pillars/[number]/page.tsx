import { getTranslations } from "next-intl/server";
import { PublicCommitments } from "@/components/public/commitments";
import { EmbedSnippet } from "@/components/public/embed-snippet";
import { PublicIndicatorList } from "@/components/public/indicators";
import { PublicVerdicts } from "@/components/public/verdicts";
import { pillarNumberOf, publicHref, publicLocale } from "@/components/public/addresses";
import { orNotFound } from "@/server/pages";
import { publicPillarIndicators } from "@/server/public-indicators";
import { publicPillar } from "@/server/public-record";
import { PlanText } from "@/components/plan-text";
import { planTextStrings } from "@/components/plan-text-server";

type Props = { params: Promise<{ number: string }> };

export async function generateMetadata({ params }: Props) {
  const [{ pillar }, t, planText] = await Promise.all([orNotFound(publicPillar(pillarNumberOf((await params).number))), getTranslations("public.pillar"), planTextStrings()]);
  return { title: t("heading", { number: pillar.number, name: planText(pillar.name, pillar.nameEs) }) };
}

export default async function PublicPillarPage({ params }: Props) {
  const number = pillarNumberOf((await params).number);
  const [{ pillar, rounds }, indicators, t, embed, planText, locale] = await Promise.all([
    orNotFound(publicPillar(number)),
    orNotFound(publicPillarIndicators(number)),
    getTranslations("public.pillar"),
    getTranslations("public.embed"),
    planTextStrings(),
    publicLocale(),
  ]);
  const name = planText(pillar.name, pillar.nameEs);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("heading", { number: pillar.number, name })}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        <PlanText en={pillar.description} es={pillar.descriptionEs} />
      </p>
      <PublicVerdicts rounds={rounds} />
      <PublicIndicatorList pillarNumber={pillar.number} indicators={indicators} hrefOf={(id) => publicHref(locale, `/indicators/${id}`)} />
      <PublicCommitments commitments={pillar.commitments} />
      <EmbedSnippet path={`/embed/pillars/${pillar.number}`} frameTitle={embed("pillarFrameTitle", { number: pillar.number, name })} height={420} />
    </>
  );
}
