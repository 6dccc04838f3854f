import { listEvidence, logEvidence } from "@/server/evidence";
import { apiRoute, json, readJson } from "@/server/http";
import { requireActor } from "@/server/session";

export const GET = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  const { items, ...page } = await listEvidence(actor, Object.fromEntries(new URL(request.url).searchParams));
  return json({ data: items, ...page });
});

export const POST = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  return json({ data: await logEvidence(actor, await readJson(request)) }, 201);
});
