import { assessmentCsvColumns, createAssessment, listAssessments } from "@/server/assessments";
import { listResponse } from "@/server/csv";
import { apiRoute, json, readJson } from "@/server/http";
import { requireActor } from "@/server/session";

export const GET = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return listResponse(request, "assessments", () => listAssessments(actor, query), assessmentCsvColumns);
});

export const POST = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  return json({ data: await createAssessment(actor, await readJson(request)) }, 201);
});
