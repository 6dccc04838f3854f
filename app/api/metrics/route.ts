import { apiRoute } from "@/server/http";
import { metricsAnswer } from "@/server/operations";

export const dynamic = "force-dynamic";

/** Prometheus's scrape: with METRICS_TOKEN as a bearer token, never a session. */
export const GET = apiRoute(metricsAnswer);
