import { apiRoute, json } from "@/server/http";
import { openApiDocument } from "@/server/openapi";

/** The API's description: readable without a session, so that tools can fetch it. */
export const GET = apiRoute(async () => json(openApiDocument()));
