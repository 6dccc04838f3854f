import { getTranslations } from "next-intl/server";
import { EmbedIndicatorCard } from "@/components/public/embed-cards";
import { planTextStrings } from "@/components/plan-text-server";
import { orNotFound } from "@/server/pages";
import { publicIndicator } from "@/server/public-indicators";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const [indicator, t, planText] = await Promise.all([orNotFound(publicIndicator((await params).id)), getTranslations("public.embed"), planTextStrings()]);
  return { title: t("indicatorFrameTitle", { name: planText(indicator.name, indicator.nameEs) }) };
}

export default async function EmbedIndicatorPage({ params }: Props) {
  return <EmbedIndicatorCard indicator={await orNotFound(publicIndicator((await params).id))} />;
}
