import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/status-badge";
import { urgencyDays } from "@/domain/limits";
import { milestoneStatuses } from "@/domain/milestone-status";
import { listMilestones, urgencies, type MilestoneListItem } from "@/server/milestones";
import { ValidationError } from "@/server/errors";
import { pageAccess } from "@/server/pages";
import { listPillars } from "@/server/pillars";
import { TableHead } from "@/components/table";

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("myMilestones");
  return { title: t("title") };
}

export default async function MyMilestonesPage({ searchParams }: Props) {
  const { actor, refused } = await pageAccess("milestones.mine");
  const t = await getTranslations();
  if (refused) {
    return (
      <>
        <h1 className="text-2xl font-semibold">{t("myMilestones.title")}</h1>
        <p className="mt-2">{t("myMilestones.forbidden")}</p>
      </>
    );
  }
  const query = await searchParams;
  const filter = { pillar: query.pillar || undefined, commitment: query.commitment || undefined, status: query.status || undefined, mine: "true" };
  const [milestones, allMine, pillars, format] = await Promise.all([
    // A hand-edited, malformed filter shows an empty list rather than an error page.
    listMilestones(actor, filter).catch((error: unknown) => {
      if (error instanceof ValidationError) return [] as MilestoneListItem[];
      throw error;
    }),
    listMilestones(actor, { mine: "true" }),
    listPillars(actor),
    getFormatter(),
  ]);
  const commitments = [...new Map(allMine.map((m) => [m.commitment.id, m.commitment])).values()].sort((a, b) => a.title.localeCompare(b.title));
  const groups = urgencies.map((urgency) => ({ urgency, items: milestones.filter((m) => m.urgency === urgency) }));
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium" });
  const urgencyName = (urgency: (typeof urgencies)[number]) => t(`myMilestones.${urgency}`, { days: urgency === "stale" ? urgencyDays.stale : urgencyDays.dueSoon });

  return (
    <>
      <h1 className="text-2xl font-semibold">{t("myMilestones.title")}</h1>
      <p className="mt-2 text-slate-700">{t("myMilestones.intro")}</p>
      <ul aria-label={t("myMilestones.counts")} className="mt-4 flex flex-wrap gap-3">
        {groups.map(({ urgency, items }) => (
          <li key={urgency} className="rounded border border-slate-300 bg-white px-3 py-2 text-sm">
            <a href={`#${urgency}`} className="text-brand-700 underline-offset-2 hover:underline">
              {urgencyName(urgency)}: <strong data-testid={`count-${urgency}`}>{items.length}</strong>
            </a>
          </li>
        ))}
      </ul>
      <form method="get" className="mt-6 flex flex-wrap items-end gap-4 rounded border border-slate-200 bg-white p-4" aria-label={t("myMilestones.filters")}>
        <FilterSelect
          name="pillar"
          label={t("myMilestones.pillar")}
          anyLabel={t("myMilestones.any")}
          value={query.pillar}
          options={pillars.map((p) => ({ value: String(p.number), label: t("evidenceLog.pillarOption", { number: p.number, name: p.name }) }))}
        />
        <FilterSelect
          name="commitment"
          label={t("myMilestones.commitment")}
          anyLabel={t("myMilestones.any")}
          value={query.commitment}
          options={commitments.map((c) => ({ value: c.id, label: c.title }))}
        />
        <FilterSelect
          name="status"
          label={t("myMilestones.status")}
          anyLabel={t("myMilestones.any")}
          value={query.status}
          options={milestoneStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 text-white">{t("myMilestones.apply")}</button>
      </form>
      {groups.map(({ urgency, items }) => (
        <section key={urgency} id={urgency} aria-labelledby={`${urgency}-heading`} className="mt-8">
          <h2 id={`${urgency}-heading`} className="text-xl font-semibold">
            {urgencyName(urgency)} ({items.length})
          </h2>
          {items.length === 0 ? (
            <p className="mt-2 text-sm">{t("myMilestones.none")}</p>
          ) : (
            <table className="mt-3 w-full text-left text-sm">
              <TableHead columns={[t("pillar.milestoneColumn"), t("myMilestones.commitment"), t("pillar.dueColumn"), t("myMilestones.lastUpdate"), t("pillar.statusColumn")]} />
              <tbody>
                {items.map((m) => (
                  <tr key={m.id} className="border-b border-slate-100">
                    <td className="py-1 pr-2">
                      <Link href={`/milestones/${m.id}`} className="text-brand-700 underline-offset-2 hover:underline">{m.title}</Link>
                    </td>
                    <td className="py-1 pr-2">{m.commitment.title}</td>
                    <td className="py-1 pr-2 whitespace-nowrap">{day(m.dueDate)}</td>
                    <td className="py-1 pr-2 whitespace-nowrap">{m.lastUpdateAt ? day(m.lastUpdateAt.slice(0, 10)) : t("myMilestones.never")}</td>
                    <td className="py-1"><StatusBadge status={m.status} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </>
  );
}

function FilterSelect(props: { name: string; label: string; anyLabel: string; value?: string; options: { value: string; label: string }[] }) {
  const id = `filter-${props.name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {props.label}
      </label>
      <select id={id} name={props.name} defaultValue={props.value ?? ""} className="mt-1 max-w-xs rounded border border-slate-400 bg-white px-2 py-1">
        <option value="">{props.anyLabel}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
