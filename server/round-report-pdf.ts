import "server-only";
import path from "node:path";
import PDFDocument from "pdfkit";
import type { createFormatter, createTranslator } from "next-intl";
import type { Messages } from "next-intl";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { milestoneStatuses } from "../domain/milestone-status";
import type { RoundReport } from "./round-report";
import { verdictText } from "./verdict-text";

// The round report as a PDF, laid out as the printable page is: the summary
// first, then each pillar. Every text a user wrote is drawn as text in an
// embedded Unicode font (DejaVu Sans), so names and narratives in any script
// print as typed and nothing in them is ever interpreted.

// Read from the installed package at run time: the server bundle has no
// loader for font files, and the app always runs from the project's folder.
const fontFolder = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
const fonts = { regular: path.join(fontFolder, "DejaVuSans.ttf"), bold: path.join(fontFolder, "DejaVuSans-Bold.ttf") };

type Translate = ReturnType<typeof createTranslator<Messages>>;
type Format = ReturnType<typeof createFormatter>;

const margin = 56;

/** The report's PDF in the request's language, as a download named `filename`. */
export async function roundReportPdfDownload(report: RoundReport, filename: string, headers: Record<string, string> = {}): Promise<Response> {
  const [locale, t, format] = await Promise.all([getLocale(), getTranslations(), getFormatter()]);
  const pdf = await renderRoundReportPdf(report, { locale, t, format });
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${filename}"`, "Content-Length": String(pdf.length), ...headers },
  });
}

/** The PDF's bytes, in the reader's language. */
export async function renderRoundReportPdf(report: RoundReport, { locale, t, format }: { locale: string; t: Translate; format: Format }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin,
    bufferPages: true,
    info: { Title: t("report.title", { title: report.round.title }), Creator: t("app.name") },
    lang: locale,
  });
  doc.registerFont("regular", fonts.regular);
  doc.registerFont("bold", fonts.bold);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });

  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" });
  const percent = (value: number | null) => (value === null ? "—" : t("dashboard.percentValue", { fraction: value / 100 }));
  const heading = (text: string, size: number) => {
    doc.moveDown(0.6).font("bold").fontSize(size).text(text).moveDown(0.2).font("regular").fontSize(10);
  };
  const line = (text: string, options: PDFKit.Mixins.TextOptions = {}) => doc.text(text, options);

  doc.font("bold").fontSize(18).text(t("report.title", { title: report.round.title }));
  doc.font("regular").fontSize(10).moveDown(0.4);
  line(t("report.intro", { start: day(report.round.periodStart), end: day(report.round.periodEnd), asOf: day(report.asOf) }));
  if (report.frozen) {
    heading(t("report.frozenHeading"), 12);
    line(t("report.frozenIntro"));
    const digest = (label: string, value: string) => doc.moveDown(0.2).font("bold").text(label).font("regular").fontSize(8).text(value).fontSize(10);
    digest(t("report.sha256Label"), report.frozen.sha256);
    digest(t("report.chainDigestLabel", { position: report.frozen.position }), report.frozen.chainDigest);
  }

  heading(t("report.summaryHeading"), 14);
  for (const pillar of report.pillars) {
    doc.font("bold").text(`${pillar.number}. ${pillar.name}`).font("regular");
    line(`${t("report.verdictColumn")}: ${pillar.verdicts[0] ? verdictText(t, pillar.verdicts[0]) : t("report.noVerdict")}`, { indent: 12 });
    line(
      [
        `${t("report.milestonesColumn")}: ${format.number(pillar.milestoneCount)}`,
        `${t("report.completedColumn")}: ${percent(pillar.percentCompleted)}`,
        `${t("report.overdueColumn")}: ${format.number(pillar.overdue)}`,
        `${t("report.atRiskColumn")}: ${format.number(pillar.atRisk)}`,
      ].join(" · "),
      { indent: 12 },
    );
  }
  doc.moveDown(0.4);
  line(t("report.flaggedPairs", { count: report.comparisons.filter((pair) => pair.comparison?.flagged).length }));

  for (const pillar of report.pillars) {
    doc.addPage();
    heading(t("report.pillarHeading", { number: pillar.number, name: pillar.name }), 16);
    if (pillar.verdicts.length === 0) line(t("report.noVerdict"));
    for (const verdict of pillar.verdicts) {
      doc.font("bold").fontSize(13).text(verdictText(t, verdict)).font("regular").fontSize(9);
      line(t("report.by", { name: verdict.author.name, edition: verdict.edition, date: verdict.publishedAt ? format.dateTime(verdict.publishedAt, { dateStyle: "medium" }) : "" }));
      doc.fontSize(10).moveDown(0.4);
      line(verdict.narrative);
      heading(t("report.citedHeading"), 12);
      if (verdict.citations.length === 0) line(t("report.noCitations"));
      verdict.citations.forEach(({ evidence }, index) => {
        const source = t("report.source", { publisher: evidence.publisher, date: evidence.publishedOn ? format.dateTime(evidence.publishedOn, { dateStyle: "medium" }) : "" });
        line(`${index + 1}. ${evidence.title} — ${source}`);
        if (evidence.url) doc.fontSize(8).fillColor("#334155").text(evidence.url, { indent: 14, link: evidence.url }).fillColor("black").fontSize(10);
        if (evidence.retraction) line(t("report.retracted", { reason: evidence.retraction.reason }), { indent: 14 });
      });
    }
    heading(t("report.figuresHeading", { date: day(report.asOf) }), 12);
    for (const status of milestoneStatuses) line(`${t(`status.${status}`)}: ${format.number(pillar.milestonesByStatus[status])}`, { indent: 12 });
  }

  if (report.comparisons.length > 0) {
    doc.addPage();
    heading(t("report.selfHeading"), 16);
    for (const { self, independent, comparison } of report.comparisons) {
      doc.font("bold").text(t("rounds.commitmentOption", { number: self.pillar.number, title: self.commitment?.title ?? "" })).font("regular");
      if (self.agency) line(self.agency.name, { indent: 12 });
      line(`${t("rounds.selfAssessment")}: ${verdictText(t, self)}`, { indent: 12 });
      line(`${t("rounds.independentAssessment")}: ${independent ? verdictText(t, independent) : t("rounds.noCounterpart")}`, { indent: 12 });
      if (comparison) line(comparison.flagged ? t("rounds.flagged") : t("rounds.notFlagged"), { indent: 12 });
      doc.moveDown(0.3);
    }
  }

  // Page numbers, once every page exists.
  const pages = doc.bufferedPageRange();
  for (let index = 0; index < pages.count; index++) {
    doc.switchToPage(pages.start + index);
    // Writing inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc.fontSize(8).fillColor("#475569").text(`${report.round.title} · ${index + 1} / ${pages.count}`, margin, doc.page.height - margin / 2 - 8, {
      width: doc.page.width - 2 * margin,
      align: "center",
      lineBreak: false,
    });
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
