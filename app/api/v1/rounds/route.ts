import { listResponse } from "@/server/csv";
import { apiRoute, json, readJson } from "@/server/http";
import { listRounds, openRound, roundCsvColumns } from "@/server/rounds";
import { requireActor } from "@/server/session";

export const GET = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  return listResponse(request, "rounds", () => listRounds(actor), roundCsvColumns);
});

export const POST = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  return json({ data: await openRound(actor, await readJson(request)) }, 201);
});
