import { Link } from "@/components/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { commitmentGroups, FilterSelect } from "@/components/evidence/filter-controls";
import { EmptyFilterResult } from "@/components/empty-filter-result";
import { DueBadge, StatusBadge } from "@/components/status-badge";
import { Table, TableHead } from "@/components/table";
import { urgencyDays } from "@/domain/limits";
import { milestoneStatuses } from "@/domain/milestone-status";
import type { MilestoneListItem, urgencies } from "@/server/milestones";
import { FilterFold } from "@/components/filter-fold";
import { PlanText } from "@/components/plan-text";
import { planTextStrings } from "@/components/plan-text-server";

type Urgency = (typeof urgencies)[number];
const groupsInOrder: readonly Urgency[] = ["overdue", "due_soon", "stale", "rest"];

/** The filters of the milestone list, as its address carries them. */
const milestoneFilterNames = ["pillar", "commitment", "status", "urgency", "overdueDays", "mine"] as const;
export type MilestoneListQuery = Partial<Record<(typeof milestoneFilterNames)[number], string>>;

/** The filters present in a page's query, empty values left out. */
export function milestoneQuery(query: Record<string, string | string[] | undefined>): MilestoneListQuery {
  return Object.fromEntries(
    milestoneFilterNames.flatMap((name) => {
      const value = query[name];
      const first = Array.isArray(value) ? value[0] : value;
      return first ? [[name, first]] : [];
    }),
  );
}

/**
 * Milestones grouped by urgency, with the counts, the filters (a GET form that
 * works without JavaScript) and one message when nothing matches. `path` is
 * the page's own address; `fixed` filters are the page's own (my milestones:
 * `mine`), kept out of the form and out of "clear the filters".
 */
export async function MilestoneList(props: {
  path: string;
  milestones: MilestoneListItem[];
  query: MilestoneListQuery;
  fixed?: MilestoneListQuery;
  pillars: { number: number; name: string; nameEs: string | null }[];
  commitments: { id: string; title: string; titleEs: string | null; pillar: { number: number; name: string; nameEs: string | null } }[];
  /** Offer the "only mine" choice (those who have milestones of their own). */
  offerMine: boolean;
}) {
  const [t, format, planText] = await Promise.all([getTranslations(), getFormatter(), planTextStrings()]);
  const { query, milestones } = props;
  const groups = groupsInOrder.map((urgency) => ({ urgency, items: milestones.filter((m) => m.urgency === urgency) }));
  const urgencyName = (urgency: Urgency) => t(`milestoneList.${urgency}`, { days: urgency === "stale" ? urgencyDays.stale : urgencyDays.dueSoon });
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium" });
  const filtered = milestoneFilterNames.some((name) => query[name] && !props.fixed?.[name]);
  const clearHref = props.path + (props.fixed && Object.keys(props.fixed).length > 0 ? `?${new URLSearchParams(props.fixed)}` : "");
  return (
    <>
      <ul aria-label={t("milestoneList.counts")} className="mt-4 flex flex-wrap gap-3">
        {groups.map(({ urgency, items }) => (
          <li key={urgency} className="rounded border border-slate-300 bg-white px-3 py-2 text-sm">
            {items.length > 0 ? (
              <a href={`#${urgency}`} className="text-brand-700 underline-offset-2 hover:underline">
                {urgencyName(urgency)}: <strong data-testid={`count-${urgency}`}>{items.length}</strong>
              </a>
            ) : (
              <>
                {urgencyName(urgency)}: <strong data-testid={`count-${urgency}`}>0</strong>
              </>
            )}
          </li>
        ))}
      </ul>
      <FilterFold summary={t("milestoneList.filters")}>
      <form
        key={new URLSearchParams(query).toString()}
        method="get"
        action={props.path}
        className="mt-6 flex flex-wrap items-end gap-4 rounded border border-slate-200 bg-white p-4"
        aria-label={t("milestoneList.filters")}
      >
        <FilterSelect
          name="pillar"
          label={t("milestoneList.pillar")}
          anyLabel={t("milestoneList.any")}
          value={query.pillar}
          options={props.pillars.map((p) => ({ value: String(p.number), label: t("evidenceLog.pillarOption", { number: p.number, name: planText(p.name, p.nameEs) }) }))}
        />
        <FilterSelect
          name="commitment"
          label={t("milestoneList.commitment")}
          anyLabel={t("milestoneList.any")}
          value={query.commitment}
          groups={commitmentGroups(props.commitments, (pillar) => t("evidenceLog.commitmentGroup", pillar), planText)}
        />
        <FilterSelect
          name="status"
          label={t("milestoneList.status")}
          anyLabel={t("milestoneList.any")}
          value={query.status}
          options={milestoneStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <FilterSelect
          name="urgency"
          label={t("milestoneList.urgency")}
          anyLabel={t("milestoneList.any")}
          value={query.urgency}
          options={groupsInOrder.map((urgency) => ({ value: urgency, label: urgencyName(urgency) }))}
        />
        {query.overdueDays && <input type="hidden" name="overdueDays" value={query.overdueDays} />}
        {props.offerMine && !props.fixed?.mine && (
          <div className="flex items-center gap-2 py-1.5">
            <input id="filter-mine" type="checkbox" name="mine" value="true" defaultChecked={query.mine === "true"} className="h-4 w-4" />
            <label htmlFor="filter-mine" className="text-sm font-medium">
              {t("milestoneList.onlyMine")}
            </label>
          </div>
        )}
        <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 text-white">
          {t("milestoneList.apply")}
        </button>
        {filtered && (
          <Link href={clearHref} className="py-1.5 text-brand-700 underline-offset-2 hover:underline">
            {t("filters.clear")}
          </Link>
        )}
      </form>
      </FilterFold>
      {query.overdueDays && (
        <p className="mt-3 text-sm" data-testid="overdue-days">
          {t("milestoneList.overdueForMore", { days: Number(query.overdueDays) })}
        </p>
      )}
      {milestones.length === 0 ? (
        filtered ? (
          <EmptyFilterResult message={t("milestoneList.noneMatch")} clearHref={clearHref} />
        ) : (
          <p className="mt-6 text-sm">{t("milestoneList.none")}</p>
        )
      ) : (
        groups
          .filter(({ items }) => items.length > 0)
          .map(({ urgency, items }) => (
            <section key={urgency} id={urgency} aria-labelledby={`${urgency}-heading`} className="mt-8">
              <h2 id={`${urgency}-heading`} className="text-xl font-semibold">
                {urgencyName(urgency)} ({items.length})
              </h2>
              <Table className="mt-3 w-full text-left text-sm" caption={urgencyName(urgency)}>
                <TableHead columns={[t("pillar.milestoneColumn"), t("milestoneList.commitment"), t("pillar.dueColumn"), t("milestoneList.lastUpdate"), t("pillar.statusColumn")]} />
                <tbody>
                  {items.map((m) => (
                    <tr key={m.id} className="border-b border-slate-100">
                      <td className="py-1 pr-2">
                        <Link href={`/milestones/${m.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                          <PlanText en={m.title} es={m.titleEs} />
                        </Link>
                      </td>
                      <td className="py-1 pr-2">
                        <PlanText en={m.commitment.title} es={m.commitment.titleEs} />
                      </td>
                      <td className="py-1 pr-2 whitespace-nowrap">
                        {day(m.dueDate)}
                        <DueBadge flag={m.urgency === "overdue" || m.urgency === "due_soon" ? m.urgency : null} />
                      </td>
                      <td className="py-1 pr-2 whitespace-nowrap">{m.lastUpdateAt ? day(m.lastUpdateAt.slice(0, 10)) : t("milestoneList.never")}</td>
                      <td className="py-1">
                        <StatusBadge status={m.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </section>
          ))
      )}
    </>
  );
}
