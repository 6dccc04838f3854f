import "server-only";
import { cache } from "react";
import { db } from "./db/client";
import { NotFoundError } from "./errors";
import { frozenReport, type RoundReportDocument } from "./frozen-reports";
import { ensurePublicSite, type PublicVerdict } from "./public-record";
import { frozenRoundReport } from "./round-report";
import { dateOnly, recordId } from "./validation";

// Closed rounds' reports in public (/public/rounds): each is the document
// frozen when its round closed (server/frozen-reports.ts), read as stored and
// never recomputed. The document holds only what the design makes public (the
// standing published assessments, the reviewer named on theirs, the evidence
// they cite, the milestone figures), so it is shown and served whole. An open
// round has no such document and is not found here.

/** The round an address names; one that cannot name any is not found, like an open or unknown round. */
function roundIdOf(rawId: string): string {
  ensurePublicSite();
  const id = recordId.safeParse(rawId);
  if (!id.success) throw new NotFoundError();
  return id.data;
}

async function found<T>(read: Promise<T | null>): Promise<T> {
  const value = await read;
  if (value === null) throw new NotFoundError();
  return value;
}

const frozenOf = (rawId: string) => found(frozenReport(roundIdOf(rawId)));

/** The closed rounds whose reports are frozen, the last closed first, with their digests. */
export async function publicRoundReports() {
  ensurePublicSite();
  const rows = await db().frozenRoundReport.findMany({
    orderBy: { position: "desc" },
    select: { roundId: true, position: true, sha256: true, chainDigest: true, round: { select: { title: true, titleEs: true, periodStart: true, periodEnd: true, closedAt: true } } },
  });
  return rows.map(({ round, ...row }) => ({ ...row, title: round.title, titleEs: round.titleEs, periodStart: round.periodStart, periodEnd: round.periodEnd, closedAt: round.closedAt }));
}

type DocumentAssessment = RoundReportDocument["assessments"][number];

/** An assessment of the document as the public pages show a published one. */
function publicVerdictOf(assessment: DocumentAssessment): PublicVerdict {
  return {
    id: assessment.id,
    kind: assessment.kind,
    advances: assessment.advances,
    results: assessment.results,
    narrative: assessment.narrative,
    edition: assessment.edition,
    publishedAt: new Date(assessment.publishedAt),
    // A frozen report holds the plan's texts as they were, in English only.
    commitment: assessment.commitment ? { ...assessment.commitment, titleEs: null } : null,
    reviewer: assessment.reviewer,
    agency: assessment.agency?.name ?? null,
    evidence: assessment.evidence.map((evidence) => ({
      id: evidence.id,
      title: evidence.title,
      publisher: evidence.publisher,
      publishedOn: evidence.publishedOn ? dateOnly(evidence.publishedOn) : null,
      url: evidence.url,
      retraction: evidence.retraction ? { reason: evidence.retraction.reason, retractedOn: dateOnly(evidence.retraction.retractedOn) } : null,
    })),
  };
}

/**
 * A closed round's report as its frozen document has it: each pillar's
 * figures as of the period's end and every assessment of it that stood
 * published, on both scales, with the evidence cited; and the two digests.
 */
// Cached per request: a page's metadata and its body read the report once.
export const publicRoundReport = cache(async (rawId: string) => {
  const frozen = await frozenOf(rawId);
  const { round, asOf, pillars, assessments, comparisons } = frozen.parsed;
  return {
    round,
    asOf,
    digests: { sha256: frozen.sha256, chainDigest: frozen.chainDigest, position: frozen.position },
    flagged: comparisons.filter((pair) => pair.flagged).length,
    pillars: pillars.map((pillar) => {
      const verdicts = assessments.filter((assessment) => assessment.pillarNumber === pillar.number).map(publicVerdictOf);
      return {
        ...pillar,
        // The summary's verdict, as the signed-in report's: the independent one of the whole pillar.
        verdict: verdicts.find((verdict) => verdict.kind === "independent" && verdict.commitment === null) ?? null,
        verdicts,
      };
    }),
  };
});

/** A closed round's frozen document exactly as stored, so that its bytes hash to `sha256`. */
export async function publicRoundDocument(rawId: string) {
  const frozen = await frozenOf(rawId);
  return { text: frozen.document, sha256: frozen.sha256, periodEnd: frozen.parsed.round.periodEnd };
}

/** A closed round's report as the round report PDF prints it, from the frozen document alone. */
export async function publicRoundReportForPdf(rawId: string) {
  return found(frozenRoundReport(roundIdOf(rawId)));
}
