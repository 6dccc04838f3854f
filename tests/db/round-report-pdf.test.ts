import { createFormatter, createTranslator } from "next-intl";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import es from "../../messages/es.json";
import { db } from "../../server/db/client";
import { roundReport } from "../../server/round-report";
import { renderRoundReportPdf } from "../../server/round-report-pdf";
import { seedDemoData } from "../../scripts/lib/seed/demo";
import { createActor, createCommitment, createEvidence, createRound, createUser } from "../factories";

// The PDF is read back with Mozilla's pdf.js, as a reader's viewer would,
// so the test sees the text a person sees, not the bytes pdfkit wrote.

async function pdfText(pdf: Buffer): Promise<{ pages: number; text: string }> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(""));
  }
  return { pages: document.numPages, text: pages.join("\n") };
}

function words(locale: "en" | "es") {
  const messages = locale === "en" ? en : es;
  return { locale, t: createTranslator({ locale, messages }), format: createFormatter({ locale, timeZone: "UTC" }) };
}

let manager: Awaited<ReturnType<typeof createActor>>;

beforeAll(async () => {
  await seedDemoData();
  manager = await createActor(["manager"]);
});

describe("the round report as PDF", () => {
  it("has the summary first, then a page per pillar with its verdict, narrative, cited evidence and figures", async () => {
    const round = await db().assessmentRound.findFirstOrThrow({ where: { title: "April 2011 two-year review" } });
    const report = await roundReport(manager, round.id);
    const { pages, text } = await pdfText(await renderRoundReportPdf(report, words("en")));
    expect(pages).toBeGreaterThanOrEqual(1 + report.pillars.length);
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("Report: April 2011 two-year review");
    expect(flat.indexOf("Summary")).toBeLessThan(flat.indexOf("Pillar 1:"));
    for (const pillar of report.pillars) {
      expect(flat).toContain(`Pillar ${pillar.number}: ${pillar.name}`.replace(/\s+/g, " "));
      const verdict = pillar.verdicts[0]!;
      expect(flat).toContain(verdict.narrative.replace(/\s+/g, " ").slice(0, 60));
      expect(flat).toContain(verdict.citations[0]!.evidence.title.replace(/\s+/g, " "));
    }
    expect(flat).toContain(`Milestones on April 30, 2011`);
    // The share completed as the page shows it (21.4%), not the message's key nor a hundred times the figure.
    const completed = report.pillars.find((pillar) => pillar.percentCompleted !== null)!.percentCompleted!;
    // A closed round's report is its frozen document, which anyone can check against these digests.
    expect(flat).toContain(`SHA-256 of the document ${report.frozen!.sha256}`);
    expect(flat).toContain(`Chain digest (round 1 of the chain) ${report.frozen!.chainDigest}`);
    expect(flat).toContain(`Completed: ${new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 }).format(completed / 100)}`);
  });

  it("is written in the reader's language", async () => {
    const round = await db().assessmentRound.findFirstOrThrow({ where: { title: "April 2011 two-year review" } });
    const { text } = await pdfText(await renderRoundReportPdf(await roundReport(manager, round.id), words("es")));
    expect(text.replace(/\s+/g, " ")).toContain("Resumen");
  });

  // The embedded font covers Latin, Greek and Cyrillic scripts and common symbols (not Chinese, Japanese or Korean).
  it("prints what users typed as text, markup and formulas included", async () => {
    const hostile = `<script>alert("x")</script> =HYPERLINK("http://evil") ¿Qué pasó? Ñandú — Привет — Ελλάδα — "quoted" & 'apostrophe' ✓`;
    const commitment = await createCommitment();
    const reviewer = await createUser({ roles: ["reviewer"] });
    const round = await createRound({ periodStart: "2026-01-01", periodEnd: "2026-06-30" });
    const evidence = await createEvidence({ commitmentId: commitment.id, publishedOn: "2026-03-01" });
    await db().assessment.create({
      data: {
        roundId: round.id,
        pillarId: commitment.pillarId,
        kind: "independent",
        authorId: reviewer.id,
        advances: "steady",
        results: "slow",
        narrative: hostile,
        state: "submitted",
        submittedAt: new Date(),
        citations: { create: [{ evidenceId: evidence.id }] },
      },
    });
    await db().assessment.updateMany({ where: { roundId: round.id }, data: { state: "published", publishedAt: new Date(), publishedById: manager.id } });
    const { text } = await pdfText(await renderRoundReportPdf(await roundReport(manager, round.id), words("en")));
    expect(text.replace(/\s+/g, " ")).toContain(hostile);
  });
});
