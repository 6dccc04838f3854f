import { Link } from "@/components/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { openNotificationAction } from "@/app/actions/notifications";
import { ClientMessages } from "@/components/client-messages";
import { OpenNotificationForm } from "@/components/notifications/inbox-forms";
import { Section } from "@/components/section";
import { urgencyDays } from "@/domain/limits";
import { notificationText } from "@/server/notification-text";
import { actorForPage } from "@/server/pages";
import { worklist, type RoundCount } from "@/server/worklist";
import { planTextStrings } from "@/components/plan-text-server";

export async function generateMetadata() {
  const t = await getTranslations("worklist");
  return { title: t("title") };
}

const link = "text-brand-700 underline-offset-2 hover:underline";

/** One figure of the worklist, a link to the list it counts. */
function Count({ href, label, count, testId }: { href: string; label: string; count: number; testId: string }) {
  return (
    <li>
      <Link href={href} className={link} data-testid={testId}>
        {label}: <strong>{count}</strong>
      </Link>
    </li>
  );
}

const card = "rounded-lg border border-slate-200 bg-white p-5 shadow-sm";

/** "Your work": what needs the signed-in person now, by role; every figure links to the list behind it. */
export default async function WorklistPage() {
  const actor = await actorForPage();
  const [work, t, messages, format, planText, locale] = await Promise.all([worklist(actor), getTranslations("worklist"), getTranslations(), getFormatter(), planTextStrings(), getLocale()]);
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium" });
  const perRound = (rounds: RoundCount[], label: (round: RoundCount) => string, testId: string) =>
    rounds.length === 0 ? (
      <p className="mt-2 text-sm" data-testid={`${testId}-no-round`}>
        {t("noOpenRound")}
      </p>
    ) : (
      <ul className="mt-2 space-y-1 text-sm">
        {rounds.map((round) => (
          <Count key={round.roundId} href={`/rounds/${round.roundId}`} label={label(round)} count={round.count} testId={testId} />
        ))}
      </ul>
    );
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("intro", { date: day(work.today) })}</p>
      <p className="mt-2 text-sm">
        <Link href="/overview" className={link}>
          {t("toOverview")}
        </Link>
      </p>
      <div className="mt-6 grid gap-4 md:grid-cols-2">
        {work.milestones && (
          <Section id="my-milestones-heading" className={card} title={t("milestonesHeading")}>
            <ul className="mt-2 space-y-1 text-sm">
              <Count href="/milestones?mine=true&urgency=overdue" label={t("overdue")} count={work.milestones.overdue} testId="work-overdue" />
              <Count href="/milestones?mine=true&urgency=due_soon" label={t("dueSoon", { days: urgencyDays.dueSoon })} count={work.milestones.dueSoon} testId="work-due-soon" />
              <Count href="/milestones?mine=true&urgency=stale" label={t("stale", { days: urgencyDays.stale })} count={work.milestones.stale} testId="work-stale" />
            </ul>
          </Section>
        )}
        {work.selfAssessments && (
          <Section id="self-assessments-heading" className={card} title={t("selfAssessmentsHeading")}>
            {perRound(work.selfAssessments, (round) => t("commitmentsToSelfAssess", { round: planText(round.roundTitle, round.roundTitleEs) }), "work-self-assessments")}
          </Section>
        )}
        {work.pillarsToAssess && (
          <Section id="assessments-heading" className={card} title={t("assessmentsHeading")}>
            {perRound(work.pillarsToAssess, (round) => t("pillarsToAssess", { round: planText(round.roundTitle, round.roundTitleEs) }), "work-pillars")}
          </Section>
        )}
        {(work.returned !== undefined || work.retractedEvidence !== undefined) && (
          <Section id="returned-heading" className={card} title={t("returnedHeading")}>
            <ul className="mt-2 space-y-1 text-sm">
              {work.returned !== undefined && (
                <Count href="/assessments?mine=true&state=returned" label={t("returned")} count={work.returned} testId="work-returned" />
              )}
              {work.retractedEvidence !== undefined && (
                <Count href="/evidence?mine=true&retracted=true" label={t("retractedEvidence")} count={work.retractedEvidence} testId="work-retracted" />
              )}
            </ul>
          </Section>
        )}
        {work.awaitingDecision !== undefined && (
          <Section id="decisions-heading" className={card} title={t("decisionsHeading")}>
            <ul className="mt-2 space-y-1 text-sm">
              <Count href="/assessments?state=submitted" label={t("awaitingDecision")} count={work.awaitingDecision} testId="work-awaiting" />
            </ul>
          </Section>
        )}
        {work.longOverdue && (
          <Section id="escalations-heading" className={card} title={t("longOverdueHeading", { days: urgencyDays.escalate })}>
            {work.longOverdue.length === 0 ? (
              <p className="mt-2 text-sm">{t("noLongOverdue")}</p>
            ) : (
              <ul className="mt-2 space-y-1 text-sm">
                {work.longOverdue.map((row) => (
                  <Count
                    key={row.pillarNumber}
                    href={`/milestones?pillar=${row.pillarNumber}&overdueDays=${urgencyDays.escalate}`}
                    label={t("pillarLabel", { number: row.pillarNumber, name: planText(row.pillarName, row.pillarNameEs) })}
                    count={row.count}
                    testId="work-long-overdue"
                  />
                ))}
              </ul>
            )}
          </Section>
        )}
        {work.endedOpenRounds && (
          <Section id="ended-rounds-heading" className={card} title={t("endedRoundsHeading", { count: work.endedOpenRounds.length })}>
            {work.endedOpenRounds.length === 0 ? (
              <p className="mt-2 text-sm">{t("noEndedRounds")}</p>
            ) : (
              <ul className="mt-2 space-y-1 text-sm">
                {work.endedOpenRounds.map((round) => (
                  <li key={round.id}>
                    <Link href={`/rounds/${round.id}`} className={link} data-testid="work-ended-round">
                      {t("endedRound", { round: planText(round.title, round.titleEs), date: day(round.periodEnd) })}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        )}
      </div>
      {work.followedChanges && (
        <ClientMessages of={["components/notifications/inbox-forms"]}>
          <Section id="followed-heading" className={`mt-6 ${card}`} title={t("followedHeading")}>
            {work.followedChanges.unread === 0 ? (
              <p className="mt-2 text-sm">{t("noFollowedChanges")}</p>
            ) : (
              <>
                <p className="mt-2 text-sm" data-testid="work-followed-unread">
                  {t("followedUnread", { count: work.followedChanges.unread })}
                </p>
                <ul className="mt-2 space-y-2 text-sm">
                  {work.followedChanges.latest.map((change) => (
                    <li key={change.id}>
                      <OpenNotificationForm action={openNotificationAction} id={change.id} text={notificationText({ locale, t: messages, day }, change)} unread />
                      <p className="text-xs text-slate-700">{format.dateTime(new Date(change.createdAt), { dateStyle: "medium", timeStyle: "short" })}</p>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <p className="mt-3 text-sm">
              <Link href="/notifications?unread=true" className={link}>
                {t("toInbox")}
              </Link>
            </p>
          </Section>
        </ClientMessages>
      )}
    </>
  );
}
