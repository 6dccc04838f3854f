import { apiRoute, json } from "@/server/http";
import { search } from "@/server/search";
import { requireActor } from "@/server/session";

export const GET = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  return json({ data: await search(actor, Object.fromEntries(new URL(request.url).searchParams)) });
});
