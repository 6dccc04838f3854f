import { Link } from "@/components/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Table, TableHead } from "@/components/table";
import { auditChanges, type AuditEventListItem } from "@/server/audit-trail";
import { recordPage } from "./record-link";

const link = "text-brand-700 underline-offset-2 hover:underline";

/**
 * Audit events, each with its time, actor (and the API token they acted
 * with), action, record and request id, and what it changed as a table of
 * fields with their values before and after.
 * Values are shown as text, whatever they hold.
 */
export async function AuditEventList({ events, empty }: { events: AuditEventListItem[]; empty: string }) {
  const [t, format] = await Promise.all([getTranslations("audit"), getFormatter()]);
  if (events.length === 0) return <p className="mt-2 text-sm">{empty}</p>;
  const typeLabel = (type: string) => (t.has(`recordTypes.${type}` as "recordTypes.User") ? t(`recordTypes.${type}` as "recordTypes.User") : type);
  return (
    <ul className="mt-3 space-y-4">
      {events.map((event) => {
        const changes = auditChanges(event.before, event.after);
        const page = recordPage(event.record.type, event.record.id);
        const record = t("recordLabel", { type: typeLabel(event.record.type), name: event.record.title ?? event.record.id });
        const actor = event.actor;
        const by = !actor ? t("bySystem") : event.apiToken ? t("byWithToken", { name: actor.name, token: event.apiToken.name }) : t("by", { name: actor.name });
        return (
          <li key={event.id} className="rounded border border-slate-200 bg-white p-4" data-testid="audit-event">
            <h3 className="font-medium">
              <code className="rounded bg-slate-100 px-1">{event.action}</code>
            </h3>
            <p className="mt-1 text-sm">{page ? <Link href={page} className={link}>{record}</Link> : record}</p>
            <p className="mt-1 text-xs text-slate-600">
              <time dateTime={event.at}>{format.dateTime(new Date(event.at), { dateStyle: "medium", timeStyle: "medium" })}</time> ·{" "}
              {by} ·{" "}
              {event.requestId ? t("requestId", { id: event.requestId }) : t("noRequestId")}
            </p>
            {changes.length === 0 ? (
              <p className="mt-2 text-sm">{t("noChanges")}</p>
            ) : (
              <Table className="mt-2 w-full text-left text-sm" caption={t("changes")}>
                <TableHead columns={[t("field"), t("before"), t("after")]} />
                <tbody>
                  {changes.map((change) => (
                    <tr key={change.field} className="border-b border-slate-100 align-top">
                      <th scope="row" className="py-1 pr-2 font-normal">
                        {change.field || t("empty")}
                      </th>
                      <td className="break-all py-1 pr-2">{change.before ?? t("empty")}</td>
                      <td className="break-all py-1">{change.after ?? t("empty")}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </li>
        );
      })}
    </ul>
  );
}
