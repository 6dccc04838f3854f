import { follow, unfollow } from "@/server/follows";
import { apiRoute, json, readJson } from "@/server/http";
import { requireActor } from "@/server/session";

export const POST = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  return json({ data: await follow(actor, await readJson(request)) });
});

export const DELETE = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  return json({ data: await unfollow(actor, await readJson(request)) });
});
