import { listResponse } from "@/server/csv";
import { apiRoute } from "@/server/http";
import { pillarRollups } from "@/server/rollups";
import { requireActor } from "@/server/session";

// The dashboard's figures per pillar, as of a day and within filters. The
// CSV's columns follow the JSON's fields.
export const GET = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return listResponse(request, "pillars", async () => (await pillarRollups(actor, query)).pillars);
});
