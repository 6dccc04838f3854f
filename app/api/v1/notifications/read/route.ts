import { apiRoute, json, readJson } from "@/server/http";
import { markNotificationsRead } from "@/server/notifications";
import { requireActor } from "@/server/session";

export const POST = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  return json({ data: await markNotificationsRead(actor, await readJson(request)) });
});
