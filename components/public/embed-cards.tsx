import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { StatusBar } from "@/components/status-bar";
import { StatusCountTable } from "@/components/status-count-table";
import { PublicIndicatorChart, PublicObservationTable } from "@/components/public/indicators";
import { publicHref, publicLocale } from "@/components/public/addresses";
import { planTextStrings } from "@/components/plan-text-server";
import type { PublicIndicator } from "@/server/public-indicators";
import type { PublicPillarFigures } from "@/server/public-record";

// The embeddable cards (/embed/…), shown in another site's frame: a title, the
// figures drawn and in a table, and a link to the public page they come from.
// The link opens a new tab: the public pages refuse to be framed, and the
// reader should not leave the site that shows the card.

function EmbedCard({ title, link, children }: { title: string; link: { href: string; text: string }; children: ReactNode }) {
  return (
    <main id="main" className="m-2 max-w-md rounded border border-slate-300 bg-white p-4 text-sm">
      <h1 className="text-base font-semibold">{title}</h1>
      {children}
      <p className="mt-3">
        <a href={link.href} target="_blank" rel="noopener noreferrer" className="text-brand-700 underline">
          {link.text}
        </a>
      </p>
    </main>
  );
}

/** A pillar's milestones by status as of today: the status bar and its table, the share completed and those overdue. */
export async function EmbedPillarCard({ asOf, pillar }: { asOf: string; pillar: PublicPillarFigures }) {
  const [t, overview, format, planText, locale] = await Promise.all([getTranslations("public.embed"), getTranslations("public.overview"), getFormatter(), planTextStrings(), publicLocale()]);
  const name = planText(pillar.name, pillar.nameEs);
  return (
    <EmbedCard title={t("pillarFrameTitle", { number: pillar.number, name })} link={{ href: publicHref(locale, `/pillars/${pillar.number}`), text: t("pillarLink") }}>
      <p className="mt-1 text-slate-700">
        {overview("milestones", { count: pillar.milestoneCount, commitments: pillar.commitmentCount })} · {t("asOf", { date: format.dateTime(new Date(`${asOf}T00:00:00Z`), { dateStyle: "long" }) })}
      </p>
      <StatusBar counts={pillar} label={t("statusBar")} />
      <StatusCountTable
        counts={pillar.milestonesByStatus}
        words={{ caption: overview("byStatusCaption", { number: pillar.number }), statusColumn: overview("statusColumn"), countColumn: overview("countColumn") }}
        swatches
        renderCount={(count) => format.number(count)}
      />
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-medium">{overview("percentCompleted")}</dt>
        <dd>{pillar.percentCompleted === null ? overview("noMilestones") : overview("percentValue", { fraction: pillar.percentCompleted / 100 })}</dd>
        <dt className="font-medium">{overview("overdue")}</dt>
        <dd>{format.number(pillar.overdue)}</dd>
      </dl>
    </EmbedCard>
  );
}

/** An indicator's values against its baseline and target: the chart and the table behind it. */
export async function EmbedIndicatorCard({ indicator }: { indicator: PublicIndicator }) {
  const [t, planText, locale] = await Promise.all([getTranslations("public.embed"), planTextStrings(), publicLocale()]);
  const name = planText(indicator.name, indicator.nameEs);
  return (
    <EmbedCard title={t("indicatorFrameTitle", { name })} link={{ href: publicHref(locale, `/indicators/${indicator.id}`), text: t("indicatorLink") }}>
      <PublicIndicatorChart indicator={indicator} />
      <PublicObservationTable indicator={indicator} caption={t("caption", { name })} sources={false} />
    </EmbedCard>
  );
}
