import { listResponse } from "@/server/csv";
import { apiRoute } from "@/server/http";
import { listPillars } from "@/server/pillars";
import { requireActor } from "@/server/session";

// The CSV's columns follow the JSON's fields, whatever the pillars list grows to hold.
export const GET = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  return listResponse(request, "pillars", () => listPillars(actor));
});
