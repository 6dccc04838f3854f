import "server-only";
import { z } from "zod";
import { standingAssessments } from "./assessment-visibility";
import { selfAssessmentComparisons } from "./assessments";
import { db } from "./db/client";
import type { Advances, DelayCause, Results } from "./db/generated/enums";
import { frozenReport, type RoundReportDocument } from "./frozen-reports";
import { ensure, type Actor } from "./permissions";
import type { StatusCounts } from "./pillars";
import { pillarRollups } from "./rollups";
import { getRound } from "./rounds";
import { dateOnly, parseInput, recordId, todayIso } from "./validation";

interface ReportVerdict {
  id: string;
  advances: Advances | null;
  results: Results | null;
  narrative: string;
  edition: number;
  publishedAt: Date | null;
  author: { name: string };
  citations: { evidence: { id: string; title: string; publisher: string; url: string | null; publishedOn: Date | null; retraction: { reason: string } | null } }[];
}

/** A self-assessment beside the independent verdict, as the comparison tables show it (from a frozen report, in English only: no Spanish titles). */
export interface ComparisonRow {
  self: { id: string; advances: Advances | null; results: Results | null; round: { title: string; titleEs?: string | null }; pillar: { number: number }; commitment: { title: string; titleEs?: string | null } | null; agency: { name: string } | null };
  independent: { id: string; advances: Advances | null; results: Results | null } | null;
  comparison: { advancesGap: number | null; resultsGap: number | null; flagged: boolean } | null;
}

/** Everything the printable report of a round shows, from the frozen document of a closed round or computed for an open one. */
export interface RoundReport {
  round: { id: string; title: string; periodStart: string; periodEnd: string };
  asOf: string;
  pillars: {
    id: string;
    number: number;
    name: string;
    milestoneCount: number;
    milestonesByStatus: StatusCounts;
    percentCompleted: number | null;
    overdue: number;
    atRisk: number;
    delaysByCause: Record<DelayCause, number>;
    lastStatusUpdateAt: string | null;
    verdicts: ReportVerdict[];
  }[];
  comparisons: ComparisonRow[];
  /** The digests of a closed round's frozen report; null while the round is open. */
  frozen: { sha256: string; chainDigest: string; position: number } | null;
}

/**
 * Everything the printable report of a round shows, pillar by pillar: the
 * standing independent verdict of the whole pillar with its narrative and the
 * evidence it cites, and the milestone figures as they stood at the end of
 * the round's period; plus the self-assessments set beside the verdicts. A
 * closed round's report is its frozen document (server/frozen-reports.ts),
 * never recomputed.
 */
export async function roundReport(actor: Actor, rawId: string): Promise<RoundReport> {
  ensure(actor, "plan.read");
  const { id } = parseInput(z.object({ id: recordId }), { id: rawId });
  const round = await getRound(actor, id);
  const frozen = await frozenRoundReport(id);
  if (frozen) return frozen;
  // A round whose period has not ended yet is reported as of today.
  const asOf = round.periodEnd < todayIso() ? round.periodEnd : todayIso();
  const [figures, verdicts, comparisons] = await Promise.all([
    pillarRollups(actor, { asOf }),
    db().assessment.findMany({
      where: { ...standingAssessments, roundId: id, kind: "independent", commitmentId: null },
      orderBy: [{ pillar: { number: "asc" } }, { publishedAt: "desc" }],
      select: {
        id: true,
        pillarId: true,
        advances: true,
        results: true,
        narrative: true,
        edition: true,
        publishedAt: true,
        author: { select: { name: true } },
        citations: {
          orderBy: { evidence: { publishedOn: "desc" } },
          select: {
            evidence: {
              select: { id: true, title: true, publisher: true, url: true, publishedOn: true, retraction: { select: { reason: true } } },
            },
          },
        },
      },
    }),
    selfAssessmentComparisons(actor, { round: id }),
  ]);
  return {
    round,
    asOf,
    pillars: figures.pillars.map((pillar) => ({
      ...pillar,
      verdicts: verdicts.filter((verdict) => verdict.pillarId === pillar.id),
    })),
    comparisons,
    frozen: null,
  };
}

/**
 * A closed round's report as its frozen document has it, with its digests;
 * null for a round not closed. It reads nothing but that document, which is
 * public: the public site prints it too.
 */
export async function frozenRoundReport(roundId: string): Promise<RoundReport | null> {
  const frozen = await frozenReport(roundId);
  return frozen ? { ...reportOfDocument(frozen.parsed), frozen: { sha256: frozen.sha256, chainDigest: frozen.chainDigest, position: frozen.position } } : null;
}

/** A frozen document read as the report pages and the PDF show a report. */
function reportOfDocument(document: RoundReportDocument): Omit<RoundReport, "frozen"> {
  const byId = new Map(document.assessments.map((assessment) => [assessment.id, assessment]));
  const day = (iso: string | null) => (iso ? dateOnly(iso) : null);
  return {
    round: document.round,
    asOf: document.asOf,
    pillars: document.pillars.map((pillar) => ({
      ...pillar,
      verdicts: document.assessments
        .filter((assessment) => assessment.pillarNumber === pillar.number && assessment.kind === "independent" && assessment.commitment === null)
        .map((assessment) => ({
          ...assessment,
          publishedAt: new Date(assessment.publishedAt),
          author: { name: assessment.reviewer ?? "" },
          citations: assessment.evidence.map((evidence) => ({ evidence: { ...evidence, publishedOn: day(evidence.publishedOn) } })),
        })),
    })),
    comparisons: document.comparisons.flatMap((pair) => {
      const self = byId.get(pair.selfAssessmentId);
      if (!self) return [];
      const independent = pair.independentAssessmentId ? (byId.get(pair.independentAssessmentId) ?? null) : null;
      return [
        {
          self: { ...self, round: { title: document.round.title }, pillar: { number: self.pillarNumber } },
          independent,
          comparison: independent ? { advancesGap: pair.advancesGap, resultsGap: pair.resultsGap, flagged: pair.flagged } : null,
        },
      ];
    }),
  };
}
