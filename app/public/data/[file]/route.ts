import { apiRoute } from "@/server/http";
import { openDataResponse } from "@/server/open-data";

// /public/data/{file}.csv, /public/data/{file}.json and /public/data/dictionary.json: the same files in either language's address.
export const GET = apiRoute(async (_request: Request, { params }: { params: Promise<{ file: string }> }) => openDataResponse((await params).file));
