import { listCommitments } from "@/server/commitments";
import { apiRoute, json } from "@/server/http";
import { requireActor } from "@/server/session";

export const GET = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return json({ data: await listCommitments(actor, query) });
});
