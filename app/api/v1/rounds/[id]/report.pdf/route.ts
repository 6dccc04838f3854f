import { apiRoute } from "@/server/http";
import { roundReport } from "@/server/round-report";
import { roundReportPdfDownload } from "@/server/round-report-pdf";
import { requireActor } from "@/server/session";
import { todayIso } from "@/server/validation";

export const GET = apiRoute(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor();
  const report = await roundReport(actor, (await params).id);
  return roundReportPdfDownload(report, `round-report-${report.round.periodEnd}-${todayIso()}.pdf`, { "Cache-Control": "no-store" });
});
