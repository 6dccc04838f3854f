import { amendAssessment } from "@/server/assessments";
import { apiRoute, json } from "@/server/http";
import { requireActor } from "@/server/session";

/** The amendment is a new draft: 201 with it. */
export const POST = apiRoute(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor();
  return json({ data: await amendAssessment(actor, (await params).id) }, 201);
});
