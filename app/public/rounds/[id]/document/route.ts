import { apiRoute } from "@/server/http";
import { publicRoundDocument } from "@/server/public-rounds";

// Served at /public/rounds/{id}.json (proxy.ts rewrites that address here):
// the frozen document byte for byte, so that its SHA-256 is the stored one.
export const GET = apiRoute(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const document = await publicRoundDocument((await params).id);
  return new Response(document.text, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `inline; filename="round-report-${document.periodEnd}.json"`,
    },
  });
});
