import { databaseIsReachable } from "@/server/health";
import { json } from "@/server/http";

export const dynamic = "force-dynamic";

export async function GET() {
  const database = await databaseIsReachable();
  return json({ status: database ? "ok" : "unavailable", database: database ? "reachable" : "unreachable" }, database ? 200 : 503);
}
