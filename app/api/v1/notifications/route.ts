import { apiRoute, json } from "@/server/http";
import { listNotifications } from "@/server/notifications";
import { requireActor } from "@/server/session";

export const GET = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  const { items, ...page } = await listNotifications(actor, Object.fromEntries(new URL(request.url).searchParams));
  return json({ data: items, ...page });
});
