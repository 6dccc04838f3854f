import { getFormatter, getTranslations } from "next-intl/server";
import { Section } from "@/components/section";
import { Table } from "@/components/table";
import { DueBadge, StatusBadge } from "@/components/status-badge";
import type { publicPillar } from "@/server/public-record";
import { PlanText } from "@/components/plan-text";
import { planTextStrings } from "@/components/plan-text-server";

type Commitment = Awaited<ReturnType<typeof publicPillar>>["pillar"]["commitments"][number];

/** A pillar's commitments with their milestones: status, dates and the days each status was recorded. */
export async function PublicCommitments({ commitments }: { commitments: Commitment[] }) {
  const [t, tAll, format, planText] = await Promise.all([getTranslations("public.pillar"), getTranslations(), getFormatter(), planTextStrings()]);
  const day = (date: Date) => format.dateTime(date, { dateStyle: "medium" });
  return (
    <Section id="commitments-heading" title={t("commitmentsHeading")} className="mt-10">
      {commitments.length === 0 && <p className="mt-2">{t("noCommitments")}</p>}
      <ul className="mt-4 space-y-6">
        {commitments.map((commitment) => (
          <li key={commitment.id} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h3 className="text-lg font-semibold"><PlanText en={commitment.title} es={commitment.titleEs} /></h3>
            <p className="mt-1 text-sm text-slate-700"><PlanText en={commitment.description} es={commitment.descriptionEs} /></p>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="font-medium">{t("leadParty")}</dt>
              <dd>{tAll(`leadParty.${commitment.leadParty}`)}</dd>
              <dt className="font-medium">{t("agencies")}</dt>
              <dd>{commitment.agencies.join("; ")}</dd>
              <dt className="font-medium">{t("period")}</dt>
              <dd>
                {t("periodValue", {
                  start: commitment.startDate ? day(commitment.startDate) : t("notSet"),
                  end: commitment.targetDate ? day(commitment.targetDate) : t("notSet"),
                })}
              </dd>
            </dl>
            {commitment.milestones.length === 0 ? (
              <p className="mt-3 text-sm">{t("noMilestones")}</p>
            ) : (
              <Table className="mt-3 w-full text-left text-sm" caption={t("milestonesCaption", { title: planText(commitment.title, commitment.titleEs) })}>
                <thead>
                  <tr className="border-b border-slate-300">
                    <th scope="col" className="py-1 pr-2">{t("milestoneColumn")}</th>
                    <th scope="col" className="py-1 pr-2">{t("dueColumn")}</th>
                    <th scope="col" className="py-1 pr-2">{t("statusColumn")}</th>
                    <th scope="col" className="py-1">{t("historyColumn")}</th>
                  </tr>
                </thead>
                <tbody>
                  {commitment.milestones.map((milestone) => (
                    <tr key={milestone.id} className="border-b border-slate-100 align-top" data-testid="public-milestone">
                      <th scope="row" className="py-1 pr-2 font-normal"><PlanText en={milestone.title} es={milestone.titleEs} /></th>
                      <td className="whitespace-nowrap py-1 pr-2">
                        {day(milestone.dueDate)}
                        <DueBadge flag={milestone.dueFlag} />
                      </td>
                      <td className="py-1 pr-2">
                        <StatusBadge status={milestone.status} />
                        {milestone.completedOn && <span className="block text-xs">{t("completedOn", { date: day(milestone.completedOn) })}</span>}
                      </td>
                      <td className="py-1">
                        {milestone.history.length === 0 ? (
                          t("history", { count: 0 })
                        ) : (
                          <details>
                            <summary className="cursor-pointer text-brand-700">{t("history", { count: milestone.history.length })}</summary>
                            <ol className="mt-1 space-y-0.5">
                              {milestone.history.map((entry) => (
                                <li key={entry.id}>{t("historyEntry", { date: day(entry.recordedAt), status: tAll(`status.${entry.status}`) })}</li>
                              ))}
                            </ol>
                          </details>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}
