import { apiRoute, json } from "@/server/http";
import { requireActor } from "@/server/session";
import { endUserSessions } from "@/server/user-admin";

export const POST = apiRoute(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor();
  await endUserSessions(actor, (await params).id);
  return json({ data: { ended: true } });
});
