import { commitmentCsvColumns, listCommitments } from "@/server/commitments";
import { listResponse } from "@/server/csv";
import { apiRoute } from "@/server/http";
import { requireActor } from "@/server/session";

export const GET = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return listResponse(request, "commitments", () => listCommitments(actor, query), commitmentCsvColumns);
});
