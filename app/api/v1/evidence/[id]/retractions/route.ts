import { retractEvidence } from "@/server/evidence";
import { apiRoute, json, readJson } from "@/server/http";
import { requireActor } from "@/server/session";

export const POST = apiRoute(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor();
  return json({ data: await retractEvidence(actor, (await params).id, await readJson(request)) }, 201);
});
