import { listResponse } from "@/server/csv";
import { apiRoute, json, readJson } from "@/server/http";
import { requireActor } from "@/server/session";
import { createUser, listUsers, userCsvColumns } from "@/server/user-admin";

export const GET = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  return listResponse(request, "users", () => listUsers(actor), userCsvColumns);
});

export const POST = apiRoute(async (request: Request) => {
  const actor = await requireActor();
  return json({ data: await createUser(actor, await readJson(request)) }, 201);
});
