import { apiRoute, json, readJson } from "@/server/http";
import { requireActor } from "@/server/session";
import { updateMilestoneStatus } from "@/server/status-updates";

export const POST = apiRoute(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor();
  const body = await readJson(request);
  return json({ data: await updateMilestoneStatus(actor, (await params).id, body) }, 201);
});
