import { apiRoute, json } from "@/server/http";
import { getMilestoneForApi } from "@/server/milestones";
import { requireActor } from "@/server/session";

export const GET = apiRoute(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor();
  return json({ data: await getMilestoneForApi(actor, (await params).id) });
});
