import { Link } from "@/components/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { AssessmentTable } from "@/components/assessments/assessment-table";
import { ClientMessages } from "@/components/client-messages";
import { OpenRoundForm } from "@/components/rounds/open-round-form";
import { listAssessments } from "@/server/assessments";
import { actorForPage } from "@/server/pages";
import { can } from "@/server/permissions";
import { listRounds } from "@/server/rounds";
import { Table, TableHead } from "@/components/table";
import { PlanText } from "@/components/plan-text";

export async function generateMetadata() {
  const t = await getTranslations("rounds");
  return { title: t("title") };
}

export default async function RoundsPage() {
  const actor = await actorForPage();
  const mayWrite = can(actor, "assessment.write") || can(actor, "selfAssessment.write");
  const mayDecide = can(actor, "assessment.decide");
  const [rounds, mine, submitted, t, format] = await Promise.all([
    listRounds(actor),
    mayWrite ? listAssessments(actor, { mine: "true" }) : [],
    mayDecide ? listAssessments(actor, { state: "submitted" }) : [],
    getTranslations("rounds"),
    getFormatter(),
  ]);
  const inProgress = mine.filter((row) => row.round.status === "open" && (row.state === "draft" || row.state === "returned"));
  const awaiting = submitted.filter((row) => row.authorId !== actor.id);
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium" });
  return (
    <ClientMessages of={["components/rounds/open-round-form"]}>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("intro")}</p>
      {mayWrite && !rounds.some((round) => round.status === "open") && (
        <p className="mt-4 rounded border border-slate-300 bg-white px-4 py-3 text-sm" data-testid="no-open-round">
          {t("noOpenRound")}
        </p>
      )}
      {inProgress.length > 0 && (
        <section aria-labelledby="in-progress-heading" className="mt-6">
          <h2 id="in-progress-heading" className="text-xl font-semibold">
            {t("inProgressHeading")}
          </h2>
          <p className="text-sm text-slate-700">{t("inProgressHint")}</p>
          <AssessmentTable rows={inProgress} firstColumn="roundAndSubject" />
        </section>
      )}
      {mayDecide && (
        <section aria-labelledby="awaiting-heading" className="mt-6">
          <h2 id="awaiting-heading" className="text-xl font-semibold">
            {t("awaitingHeading")}
          </h2>
          <p className="text-sm text-slate-700">{t("awaitingHint")}</p>
          {awaiting.length === 0 ? <p className="mt-2 text-sm">{t("nothingAwaiting")}</p> : <AssessmentTable rows={awaiting} firstColumn="roundAndSubject" />}
        </section>
      )}
      {rounds.length === 0 ? (
        <p className="mt-6">{t("none")}</p>
      ) : (
        <Table className="mt-6 w-full max-w-5xl border-collapse bg-white text-left text-sm" caption={t("title")}>
          <TableHead columns={[t("round"), t("period"), t("status"), t("counts")]} />
          <tbody>
            {rounds.map((round) => (
              <tr key={round.id} className="border-b border-slate-200">
                <td className="p-2">
                  <Link href={`/rounds/${round.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    <PlanText en={round.title} es={round.titleEs} />
                  </Link>
                </td>
                <td className="p-2">{t("periodRange", { start: day(round.periodStart), end: day(round.periodEnd) })}</td>
                <td className="p-2">{round.status === "open" ? t("open") : t("closed")}</td>
                <td className="p-2">{t("countsValue", { published: round.assessments.published ?? 0, submitted: round.assessments.submitted ?? 0 })}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {can(actor, "round.manage") && <OpenRoundForm />}
    </ClientMessages>
  );
}
