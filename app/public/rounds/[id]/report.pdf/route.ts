import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { apiRoute } from "@/server/http";
import { publicRoundReportForPdf } from "@/server/public-rounds";
import { renderRoundReportPdf } from "@/server/round-report-pdf";

// The signed-in report's PDF, in the address's language, drawn from the frozen document alone.
export const GET = apiRoute(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const report = await publicRoundReportForPdf((await params).id);
  const [locale, t, format] = await Promise.all([getLocale(), getTranslations(), getFormatter()]);
  const pdf = await renderRoundReportPdf(report, { locale, t, format });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="round-report-${report.round.periodEnd}-${locale}.pdf"`,
      "Content-Length": String(pdf.length),
    },
  });
});
