import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/status-badge";
import { actorForPage } from "@/server/pages";
import { listPillars, milestoneStatuses } from "@/server/pillars";

export async function generateMetadata() {
  const t = await getTranslations("overview");
  return { title: t("title") };
}

export default async function OverviewPage() {
  const actor = await actorForPage();
  const [pillars, t] = await Promise.all([listPillars(actor), getTranslations("overview")]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("intro")}</p>
      <ol className="mt-6 grid gap-4 md:grid-cols-2" aria-label={t("title")}>
        {pillars.map((pillar) => (
          <li key={pillar.id} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 className="text-lg font-semibold">
              <Link href={`/pillars/${pillar.number}`} className="text-brand-700 underline-offset-2 hover:underline">
                {pillar.number}. {pillar.name}
              </Link>
            </h2>
            <p className="mt-1 text-sm text-slate-600">{pillar.description}</p>
            <p className="mt-3 text-sm">
              {t("commitments", { count: pillar.commitmentCount })} · {t("milestones", { count: pillar.milestoneCount })}
            </p>
            <table className="mt-3 w-full text-sm">
              <caption className="sr-only">{t("byStatusCaption", { number: pillar.number })}</caption>
              <thead className="sr-only">
                <tr>
                  <th scope="col">{t("statusColumn")}</th>
                  <th scope="col">{t("countColumn")}</th>
                </tr>
              </thead>
              <tbody>
                {milestoneStatuses
                  .filter((status) => pillar.milestonesByStatus[status] > 0)
                  .map((status) => (
                    <tr key={status}>
                      <th scope="row" className="py-0.5 text-left font-normal">
                        <StatusBadge status={status} />
                      </th>
                      <td className="py-0.5 text-right tabular-nums">{pillar.milestonesByStatus[status]}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </li>
        ))}
      </ol>
    </>
  );
}
