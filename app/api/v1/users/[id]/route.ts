import { apiRoute, json, readJson } from "@/server/http";
import { requireActor } from "@/server/session";
import { updateUser } from "@/server/user-admin";

export const PATCH = apiRoute(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor();
  return json({ data: await updateUser(actor, (await params).id, await readJson(request)) });
});
