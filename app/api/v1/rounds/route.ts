import { apiRoute, json, readJson } from "@/server/http";
import { listRounds, openRound } from "@/server/rounds";
import { requireActor } from "@/server/session";

export const GET = apiRoute(async () => {
  const actor = await requireActor();
  return json({ data: await listRounds(actor) });
});

export const POST = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  return json({ data: await openRound(actor, await readJson(request)) }, 201);
});
