import { getEvidence } from "@/server/evidence";
import { apiRoute, json } from "@/server/http";
import { requireActor } from "@/server/session";

export const GET = apiRoute(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor();
  return json({ data: await getEvidence(actor, (await params).id) });
});
