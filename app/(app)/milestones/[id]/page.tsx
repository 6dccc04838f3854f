import { Link } from "@/components/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { submitStatusUpdate } from "@/app/actions/status-updates";
import { AsOfBanner, withAsOf } from "@/components/as-of-banner";
import { ClientMessages } from "@/components/client-messages";
import { EvidenceList } from "@/components/evidence-list";
import { recordPageMetadata } from "@/components/page-title";
import { FollowButton } from "@/components/notifications/follow-button";
import { DueBadge, StatusBadge } from "@/components/status-badge";
import { StatusUpdateForm } from "@/components/status-update-form";
import { can } from "@/server/permissions";
import { milestoneAsOf } from "@/server/milestones";
import { actorForPage, asOfOfAddress, recordAsOfForPage } from "@/server/pages";
import { todayIso } from "@/server/validation";
import { LanguageMark, PlanText } from "@/components/plan-text";
import { planTextStrings } from "@/components/plan-text-server";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params, searchParams }: Props) {
  const { milestone } = await recordAsOfForPage(milestoneAsOf, (await params).id, asOfOfAddress(await searchParams));
  return recordPageMetadata((await planTextStrings())(milestone.title, milestone.titleEs), "milestone");
}

export default async function MilestonePage({ params, searchParams }: Props) {
  const actor = await actorForPage();
  const { id } = await params;
  const [{ milestone, asOf, refused }, t, format, planText] = await Promise.all([
    recordAsOfForPage(milestoneAsOf, id, asOfOfAddress(await searchParams)),
    getTranslations(),
    getFormatter(),
    planTextStrings(),
  ]);
  const pastDay = asOf === todayIso() ? undefined : asOf;
  const longDay = format.dateTime(new Date(`${asOf}T00:00:00Z`), { dateStyle: "long" });
  const day = (value: Date) => format.dateTime(value, { dateStyle: "medium" });
  const moment = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeStyle: "short" });
  return (
    <ClientMessages of={["components/status-update-form"]}>
      <p className="text-sm">
        <Link href={withAsOf(`/pillars/${milestone.commitment.pillar.number}`, pastDay)} className="text-brand-700 underline-offset-2 hover:underline">
          {t("commitment.pillarLink", { number: milestone.commitment.pillar.number, name: planText(milestone.commitment.pillar.name, milestone.commitment.pillar.nameEs) })}
        </Link>
        {" › "}
        <Link href={withAsOf(`/commitments/${milestone.commitment.id}`, pastDay)} className="text-brand-700 underline-offset-2 hover:underline">
          {t("milestone.commitmentLink", { title: planText(milestone.commitment.title, milestone.commitment.titleEs) })}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-semibold">
        <PlanText en={milestone.title} es={milestone.titleEs} />
      </h1>
      <AsOfBanner record="milestone" pastDay={pastDay} refused={refused} todayHref={`/milestones/${milestone.id}`} />
      {milestone.archivedAt && (
        <p className="mt-2 inline-block rounded bg-zinc-200 px-2 py-1 text-sm font-medium text-zinc-800">{t("statusUpdate.archived")}</p>
      )}
      {can(actor, "plan.manage") && (
        <p className="mt-2 text-sm">
          <Link href={`/admin/milestones/${milestone.id}/edit`} className="text-brand-700 underline">
            {t("statusUpdate.edit")}
          </Link>
        </p>
      )}
      <FollowButton actor={actor} targetType="milestone" targetId={milestone.id} />
      <p className="mt-2 max-w-3xl text-slate-700">
        <PlanText en={milestone.description} es={milestone.descriptionEs} />
      </p>
      <dl className="mt-4 grid max-w-3xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="font-medium">{pastDay ? t("asOf.statusOn", { date: longDay }) : t("milestone.status")}</dt>
        <dd data-testid="current-status">
          <StatusBadge status={milestone.status} />
        </dd>
        <dt className="font-medium">{t("milestone.due")}</dt>
        <dd data-testid="milestone-due">
          {day(milestone.dueDate)}
          <DueBadge flag={milestone.dueFlag} />
        </dd>
        {milestone.completedOn && (
          <>
            <dt className="font-medium">{t("milestone.completedOn")}</dt>
            <dd>{day(milestone.completedOn)}</dd>
          </>
        )}
        <dt className="font-medium">{t("milestone.owner")}</dt>
        <dd>{milestone.owner?.name ?? t("commitment.noOwner")}</dd>
      </dl>
      {pastDay ? (
        <p className="mt-6 text-sm text-slate-700">
          {t("asOf.updateToday")}{" "}
          <Link href={`/milestones/${milestone.id}`} className="text-brand-700 underline">
            {t("asOf.showToday")}
          </Link>
        </p>
      ) : milestone.mayUpdateStatus ? (
        <StatusUpdateForm action={submitStatusUpdate.bind(null, milestone.id)} version={milestone.version} currentStatus={milestone.status} />
      ) : (
        can(actor, "milestone.updateStatus") && <p className="mt-6 text-sm text-slate-700">{t("statusUpdate.noUpdateRights")}</p>
      )}
      <h2 className="mt-8 text-xl font-semibold">{t("milestone.historyHeading")}</h2>
      {milestone.statusUpdates.length === 0 ? (
        <p className="mt-2 text-sm">{t("milestone.noHistory")}</p>
      ) : (
        <ol className="mt-3 max-w-3xl space-y-3" data-testid="milestone-history">
          {milestone.statusUpdates.map((update) => (
            <li key={update.id} className={`rounded border p-4 ${update.afterTheDay ? "border-dashed border-slate-300 bg-slate-100 text-slate-600" : "border-slate-200 bg-white"}`} data-after-the-day={update.afterTheDay || undefined}>
              {update.afterTheDay && <p className="mb-1 text-xs font-semibold uppercase tracking-wide">{t("asOf.afterTheDay", { date: longDay })}</p>}
              <p className="text-sm font-medium">
                {t("milestone.change", { from: t(`status.${update.previousStatus}`), to: t(`status.${update.newStatus}`) })}
                {update.cause && <span className="ml-2 font-normal">· {t("milestone.cause", { cause: t(`cause.${update.cause}`) })}</span>}
              </p>
              <p className="mt-1 whitespace-pre-line text-sm" lang={update.noteLanguage}>
                {update.note}
              </p>
              <LanguageMark lang={update.noteLanguage} />
              <p className="mt-1 text-xs text-slate-600">{t("milestone.by", { name: update.author.name, date: moment(update.createdAt) })}</p>
            </li>
          ))}
        </ol>
      )}
      <h2 className="mt-8 text-xl font-semibold">{t("milestone.evidenceHeading")}</h2>
      <EvidenceList items={milestone.evidence} empty={t("milestone.noEvidence")} />
      {milestone.mayLogEvidence && (
        <p className="mt-3">
          <Link
            href={`/evidence/new?${new URLSearchParams({ commitment: milestone.commitment.id, milestone: milestone.id })}`}
            className="inline-block rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
          >
            {t("milestone.logEvidence")}
          </Link>
        </p>
      )}
    </ClientMessages>
  );
}
