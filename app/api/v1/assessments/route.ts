import { createAssessment, listAssessments } from "@/server/assessments";
import { apiRoute, json, readJson } from "@/server/http";
import { requireActor } from "@/server/session";

export const GET = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  return json({ data: await listAssessments(actor, Object.fromEntries(new URL(request.url).searchParams)) });
});

export const POST = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  return json({ data: await createAssessment(actor, await readJson(request)) }, 201);
});
