import { pagedListResponse } from "@/server/csv";
import { apiRoute } from "@/server/http";
import { requireActor } from "@/server/session";
import { listStatusUpdates, statusUpdateCsvColumns, streamStatusUpdates } from "@/server/status-updates";

/** The status history of every milestone: a page as JSON, all of it as CSV. */
export const GET = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  return pagedListResponse(request, "status-updates", actor, { page: listStatusUpdates, all: streamStatusUpdates, columns: statusUpdateCsvColumns });
});
