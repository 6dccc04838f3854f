import { getFormatter, getTranslations } from "next-intl/server";
import { Table, TableHead } from "@/components/table";
import type { BackupRunItem } from "@/server/backups/runs";

const columns = ["started", "finished", "status", "file", "size", "note"] as const;

const megabyte = 1_000_000;

/** The latest scheduled backups as admins read them: when, how it went, the file and its size. */
export async function BackupRunTable({ runs, caption }: { runs: BackupRunItem[]; caption: string }) {
  const [t, format] = await Promise.all([getTranslations("backups"), getFormatter()]);
  const time = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  // Sizes in the locale's own unit words; a backup under a megabyte (an empty plan) in kilobytes.
  const size = (bytes: number) =>
    bytes >= megabyte
      ? format.number(bytes / megabyte, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 })
      : format.number(bytes / 1_000, { style: "unit", unit: "kilobyte", maximumFractionDigits: 0 });
  const note = (run: BackupRunItem) => {
    if (run.status === "failed") return run.error;
    if (run.status === "interrupted") return t("interruptedNote");
    if (run.removedAt) return t("removedAt", { time: time(run.removedAt) });
    return t("noNote");
  };
  return (
    <Table className="mt-4 w-full text-left text-sm" caption={caption}>
      <TableHead columns={columns.map((column) => t(`columns.${column}`))} />
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} className="border-b border-slate-100 align-top">
            <td className="py-1 pr-2">{time(run.startedAt)}</td>
            <td className="py-1 pr-2">{run.finishedAt ? time(run.finishedAt) : t("notFinished")}</td>
            <td className="py-1 pr-2">{t(`statuses.${run.status}`)}</td>
            <td className="py-1 pr-2 break-all">
              <code>{run.fileName}</code>
            </td>
            <td className="py-1 pr-2 whitespace-nowrap">{run.sizeBytes === null ? t("notFinished") : size(run.sizeBytes)}</td>
            <td className="py-1 break-words">{note(run)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
