import { apiRoute } from "@/server/http";
import { publicRoundReportForPdf } from "@/server/public-rounds";
import { roundReportPdfDownload } from "@/server/round-report-pdf";

// The signed-in report's PDF, in the address's language, drawn from the frozen document alone.
export const GET = apiRoute(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const report = await publicRoundReportForPdf((await params).id);
  return roundReportPdfDownload(report, `round-report-${report.round.periodEnd}.pdf`);
});
