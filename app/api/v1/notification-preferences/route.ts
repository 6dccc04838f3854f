import { apiRoute, json, readJson } from "@/server/http";
import { getNotificationPreferences, updateNotificationPreferences } from "@/server/notification-preferences";
import { requireActor } from "@/server/session";

export const GET = apiRoute(async () => {
  const actor = await requireActor();
  return json({ data: await getNotificationPreferences(actor) });
});

export const PUT = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  return json({ data: await updateNotificationPreferences(actor, await readJson(request)) });
});
