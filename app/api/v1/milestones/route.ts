import { listResponse } from "@/server/csv";
import { apiRoute } from "@/server/http";
import { listMilestones, milestoneCsvColumns } from "@/server/milestones";
import { requireActor } from "@/server/session";

export const GET = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return listResponse(request, "milestones", () => listMilestones(actor, query), milestoneCsvColumns);
});
