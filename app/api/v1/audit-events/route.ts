import { auditEventCsvColumns, listAuditEvents, streamAuditEvents } from "@/server/audit-trail";
import { csvResponse, wantsCsv } from "@/server/csv";
import { apiRoute, json } from "@/server/http";
import { requireActor } from "@/server/session";

/**
 * The audit trail (admins): a page as JSON; as CSV every matching event, with
 * the values before and after as JSON text in one cell each.
 */
export const GET = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  const query = Object.fromEntries(new URL(request.url).searchParams);
  if (wantsCsv(request)) return csvResponse("audit-events", streamAuditEvents(actor, query), auditEventCsvColumns);
  const { items, ...page } = await listAuditEvents(actor, query);
  return json({ data: items, ...page });
});
