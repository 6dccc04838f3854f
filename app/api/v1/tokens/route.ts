import { createApiToken, listMyApiTokens } from "@/server/api-tokens";
import { apiRoute, json, readJson } from "@/server/http";
import { requireActor } from "@/server/session";

export const GET = apiRoute(async () => {
  const actor = await requireActor();
  return json({ data: await listMyApiTokens(actor) });
});

export const POST = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  return json({ data: await createApiToken(actor, await readJson(request)) }, 201);
});
