import { getAssessment, updateAssessment } from "@/server/assessments";
import { apiRoute, json, readJson } from "@/server/http";
import { requireActor } from "@/server/session";

type Context = { params: Promise<{ id: string }> };

export const GET = apiRoute(async (_request: Request, { params }: Context) => {
  const actor = await requireActor();
  return json({ data: await getAssessment(actor, (await params).id) });
});

/** Drafts (and returned assessments) only; a published one answers 409. */
export const PATCH = apiRoute(async (request: Request, { params }: Context) => {
  const actor = await requireActor();
  return json({ data: await updateAssessment(actor, (await params).id, await readJson(request)) });
});
