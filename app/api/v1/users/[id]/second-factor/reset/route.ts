import { apiRoute, json, readJson } from "@/server/http";
import { requireActor } from "@/server/session";
import { resetUserSecondFactor } from "@/server/user-admin";

export const POST = apiRoute(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor();
  return json({ data: await resetUserSecondFactor(actor, (await params).id, await readJson(request)) });
});
