import { pagedListResponse } from "@/server/csv";
import { evidenceCsvColumns, listEvidence, logEvidence, streamEvidence } from "@/server/evidence";
import { apiRoute, json, readJson } from "@/server/http";
import { requireActor } from "@/server/session";

export const GET = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  return pagedListResponse(request, "evidence", actor, { page: listEvidence, all: streamEvidence, columns: evidenceCsvColumns });
});

export const POST = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  return json({ data: await logEvidence(actor, await readJson(request)) }, 201);
});
