import { apiRoute, json } from "@/server/http";
import { listPillars } from "@/server/pillars";
import { requireActor } from "@/server/session";

export const GET = apiRoute(async () => {
  const actor = await requireActor();
  return json({ data: await listPillars(actor) });
});
