import { Link } from "@/components/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { setCommitmentArchivedAction, setMilestoneArchivedAction } from "@/app/actions/plan";
import { ClientMessages } from "@/components/client-messages";
import { ArchiveForm } from "@/components/plan/archive-form";
import { ArchivedBadge } from "@/components/plan/archived-badge";
import { StatusBadge } from "@/components/status-badge";
import { actorForPageWith } from "@/server/pages";
import { getPlanForAdmin } from "@/server/plan-admin";
import { Table, TableHead } from "@/components/table";
import { PlanText } from "@/components/plan-text";
import { planTextStrings } from "@/components/plan-text-server";

export async function generateMetadata() {
  const t = await getTranslations("planAdmin");
  return { title: t("title") };
}

const link = "text-brand-700 underline-offset-2 hover:underline";
const hidden = (chunks: ReactNode) => <span className="sr-only">{chunks}</span>;

export default async function AdminPlanPage() {
  const actor = await actorForPageWith("plan.manage");
  const [pillars, t, format, planText] = await Promise.all([getPlanForAdmin(actor), getTranslations(), getFormatter(), planTextStrings()]);
  const date = (value: Date) => format.dateTime(value, { dateStyle: "medium" });
  return (
    <ClientMessages of={["components/plan/archive-form"]}>
      <h1 className="text-2xl font-semibold">{t("planAdmin.title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("planAdmin.intro")}</p>
      <p className="mt-4 flex flex-wrap gap-6">
        <Link href="/admin/import" className={link}>
          {t("planAdmin.importLink")}
        </Link>
        {pillars.length < 5 && (
          <Link href="/admin/pillars/new" className={link}>
            {t("planAdmin.newPillar")}
          </Link>
        )}
      </p>
      {pillars.map((pillar) => (
        <section key={pillar.id} aria-labelledby={`pillar-${pillar.number}`} className="mt-10">
          <h2 id={`pillar-${pillar.number}`} className="text-xl font-semibold">
            {t("planAdmin.pillarHeading", { number: pillar.number, code: pillar.code, name: planText(pillar.name, pillar.nameEs) })}
          </h2>
          <p className="mt-1 flex flex-wrap gap-6 text-sm">
            <Link href={`/admin/pillars/${pillar.id}/edit`} className={link}>
              {t.rich("planAdmin.editPillar", { number: pillar.number, hidden })}
            </Link>
            <Link href={`/admin/commitments/new?pillar=${pillar.id}`} className={link}>
              {t.rich("planAdmin.newCommitment", { number: pillar.number, hidden })}
            </Link>
          </p>
          {pillar.commitments.length === 0 && <p className="mt-3 text-sm">{t("planAdmin.noCommitments")}</p>}
          <ul className="mt-4 space-y-4">
            {pillar.commitments.map((commitment) => (
              <li key={commitment.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <h3 className="font-semibold">
                  <Link href={`/commitments/${commitment.id}`} className={link}>
                    <PlanText en={commitment.title} es={commitment.titleEs} />
                  </Link>
                  {commitment.archivedAt && <ArchivedBadge />}
                </h3>
                <div className="mt-2 flex flex-wrap items-start gap-6 text-sm">
                  <Link href={`/admin/commitments/${commitment.id}/edit`} className={link}>
                    {t.rich("planAdmin.editCommitment", { title: planText(commitment.title, commitment.titleEs), hidden })}
                  </Link>
                  {commitment.archivedAt ? (
                    <ArchiveForm
                      action={setCommitmentArchivedAction.bind(null, commitment.id, false)}
                      version={commitment.version}
                      archived
                      kind="commitment"
                      title={planText(commitment.title, commitment.titleEs)}
                    />
                  ) : (
                    <Link href={`/admin/milestones/new?commitment=${commitment.id}`} className={link}>
                      {t.rich("planAdmin.newMilestone", { title: planText(commitment.title, commitment.titleEs), hidden })}
                    </Link>
                  )}
                </div>
                {commitment.milestones.length === 0 ? (
                  <p className="mt-3 text-sm">{t("planAdmin.noMilestones")}</p>
                ) : (
                  <Table className="mt-3 w-full text-left text-sm" caption={t("planAdmin.milestonesCaption", { title: planText(commitment.title, commitment.titleEs) })}>
                    <TableHead columns={[t("pillar.milestoneColumn"), t("pillar.dueColumn"), t("pillar.statusColumn"), t("planAdmin.actionsColumn")]} />
                    <tbody>
                      {commitment.milestones.map((milestone) => (
                        <tr key={milestone.id} className="border-b border-slate-100 align-top">
                          <td className="py-1 pr-2">
                            <Link href={`/milestones/${milestone.id}`} className={link}>
                              <PlanText en={milestone.title} es={milestone.titleEs} />
                            </Link>
                            {milestone.archivedAt && <ArchivedBadge />}
                          </td>
                          <td className="py-1 pr-2 whitespace-nowrap">{date(milestone.dueDate)}</td>
                          <td className="py-1 pr-2">
                            <StatusBadge status={milestone.status} />
                          </td>
                          <td className="py-1">
                            <div className="flex flex-wrap items-start gap-4">
                            <Link href={`/admin/milestones/${milestone.id}/edit`} className={link}>
                              {t.rich("planAdmin.editMilestone", { title: planText(milestone.title, milestone.titleEs), hidden })}
                            </Link>
                            {milestone.archivedAt && (
                              <ArchiveForm
                                action={setMilestoneArchivedAction.bind(null, milestone.id, false)}
                                version={milestone.version}
                                archived
                                kind="milestone"
                                title={planText(milestone.title, milestone.titleEs)}
                              />
                            )}
                            </div>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </ClientMessages>
  );
}
