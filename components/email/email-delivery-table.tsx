import { getFormatter, getTranslations } from "next-intl/server";
import { Table, TableHead } from "@/components/table";
import type { EmailDeliveryListItem } from "@/server/email/deliveries";

const columns = ["queued", "to", "kind", "subject", "status", "attempts", "answer"] as const;

/** The email ledger's rows as admins read them: when, to whom, how it went and the mail server's last answer. */
export async function EmailDeliveryTable({ deliveries, caption }: { deliveries: EmailDeliveryListItem[]; caption: string }) {
  const [t, format] = await Promise.all([getTranslations("emails"), getFormatter()]);
  const time = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  return (
    <Table className="mt-4 w-full text-left text-sm" caption={caption}>
      <TableHead columns={columns.map((column) => t(`columns.${column}`))} />
      <tbody>
        {deliveries.map((delivery) => (
          <tr key={delivery.id} className="border-b border-slate-100 align-top">
            <td className="py-1 pr-2">{time(delivery.createdAt)}</td>
            <td className="py-1 pr-2 break-all">{delivery.to}</td>
            <td className="py-1 pr-2">
              <code>{delivery.kind}</code>
            </td>
            <td className="py-1 pr-2">{delivery.subject}</td>
            <td className="py-1 pr-2">
              {t(`statuses.${delivery.status}`)}
              {delivery.sentAt ? (
                <span className="block text-xs text-slate-600">{t("sentAt", { time: time(delivery.sentAt) })}</span>
              ) : (
                delivery.lastAttemptAt && <span className="block text-xs text-slate-600">{t("lastAttemptAt", { time: time(delivery.lastAttemptAt) })}</span>
              )}
            </td>
            <td className="py-1 pr-2">{format.number(delivery.attempts)}</td>
            <td className="py-1 break-words">{delivery.lastAnswer ?? t("noAnswer")}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
