import { apiRoute, json } from "@/server/http";
import { getRound } from "@/server/rounds";
import { requireActor } from "@/server/session";

export const GET = apiRoute(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor();
  return json({ data: await getRound(actor, (await params).id) });
});
