import { returnAssessment } from "@/server/assessments";
import { apiRoute, json, readJson } from "@/server/http";
import { requireActor } from "@/server/session";

export const POST = apiRoute(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor();
  return json({ data: await returnAssessment(actor, (await params).id, await readJson(request)) });
});
