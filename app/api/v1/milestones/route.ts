import { apiRoute, json } from "@/server/http";
import { listMilestones } from "@/server/milestones";
import { requireActor } from "@/server/session";

export const GET = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return json({ data: await listMilestones(actor, query) });
});
