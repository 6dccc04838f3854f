import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { apiRoute } from "@/server/http";
import { roundReport } from "@/server/round-report";
import { renderRoundReportPdf } from "@/server/round-report-pdf";
import { requireActor } from "@/server/session";
import { todayIso } from "@/server/validation";

export const GET = apiRoute(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor();
  const report = await roundReport(actor, (await params).id);
  const [locale, t, format] = await Promise.all([getLocale(), getTranslations(), getFormatter()]);
  const pdf = await renderRoundReportPdf(report, { locale, t, format });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="round-report-${report.round.periodEnd}-${todayIso()}.pdf"`,
      "Content-Length": String(pdf.length),
      "Cache-Control": "no-store",
    },
  });
});
