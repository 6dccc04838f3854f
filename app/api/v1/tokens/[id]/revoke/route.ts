import { revokeApiToken } from "@/server/api-tokens";
import { apiRoute, json } from "@/server/http";
import { requireActor } from "@/server/session";

export const POST = apiRoute(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor();
  return json({ data: await revokeApiToken(actor, (await params).id) });
});
