import { getFormatter, getTranslations } from "next-intl/server";
import { BackupRunTable } from "@/components/backups/backup-run-table";
import { readBackups } from "@/server/backups/runs";
import { actorForPageWith } from "@/server/pages";

// The example a newcomer can copy: every day at 03:00 UTC, a quiet hour on both sides of the border.
const exampleSchedule = "0 3 * * *";
const exampleBackupTime = new Date(Date.UTC(2000, 0, 1, 3));

export async function generateMetadata() {
  const t = await getTranslations("backups");
  return { title: t("title") };
}

export default async function BackupsPage() {
  const actor = await actorForPageWith("operations.read");
  const [backups, t, format] = await Promise.all([readBackups(actor), getTranslations("backups"), getFormatter()]);

  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("intro")}</p>
      <section aria-labelledby="schedule-heading" className="mt-6 rounded border border-slate-200 bg-white p-4">
        <h2 id="schedule-heading" className="text-xl font-semibold">
          {t("scheduleHeading")}
        </h2>
        {backups.schedule ? (
          <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium">{t("schedule")}</dt>
            <dd>
              <code>{backups.schedule}</code>
            </dd>
            <dt className="font-medium">{t("nextRun")}</dt>
            <dd>{backups.nextRunAt && format.dateTime(backups.nextRunAt, { dateStyle: "medium", timeStyle: "short" })}</dd>
            <dt className="font-medium">{t("keep")}</dt>
            <dd>{t("keepValue", { keep: backups.keep })}</dd>
            <dt className="font-medium">{t("dir")}</dt>
            <dd className="break-all">
              <code>{backups.dir}</code>
            </dd>
          </dl>
        ) : (
          <p className="mt-2">
            {t.rich("off", {
              example: exampleSchedule,
              time: format.dateTime(exampleBackupTime, { timeStyle: "short", timeZone: "UTC" }),
              code: (chunks) => <code>{chunks}</code>,
            })}
          </p>
        )}
      </section>
      <section aria-labelledby="runs-heading" className="mt-8">
        <h2 id="runs-heading" className="text-xl font-semibold">
          {t("runsHeading")}
        </h2>
        {backups.runs.length > 0 ? <BackupRunTable runs={backups.runs} caption={t("caption")} /> : <p className="mt-4">{t("none")}</p>}
      </section>
    </>
  );
}
