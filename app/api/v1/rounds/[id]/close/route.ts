import { apiRoute, json } from "@/server/http";
import { closeRound } from "@/server/rounds";
import { requireActor } from "@/server/session";

export const POST = apiRoute(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor();
  return json({ data: await closeRound(actor, (await params).id) });
});
