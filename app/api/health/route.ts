import { databaseIsReachable } from "@/server/health";
import { json } from "@/server/http";
import { healthDetailFor } from "@/server/operations";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const database = await databaseIsReachable();
  const detail = await healthDetailFor(request, database);
  return json({ status: database ? "ok" : "unavailable", database: database ? "reachable" : "unreachable", ...(detail ? { detail } : {}) }, database ? 200 : 503);
}
