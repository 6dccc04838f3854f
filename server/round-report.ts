import "server-only";
import { z } from "zod";
import { standingAssessments } from "./assessment-visibility";
import { selfAssessmentComparisons } from "./assessments";
import { db } from "./db/client";
import { ensure, type Actor } from "./permissions";
import { pillarRollups } from "./rollups";
import { getRound } from "./rounds";
import { parseInput, recordId, todayIso } from "./validation";

/**
 * Everything the printable report of a round shows, pillar by pillar: the
 * standing independent verdict of the whole pillar with its narrative and the
 * evidence it cites, and the milestone figures as they stood at the end of
 * the round's period; plus the self-assessments set beside the verdicts.
 */
export async function roundReport(actor: Actor, rawId: string) {
  ensure(actor, "plan.read");
  const { id } = parseInput(z.object({ id: recordId }), { id: rawId });
  const round = await getRound(actor, id);
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
              select: { id: true, title: true, publisher: true, url: true, publishedOn: true, kind: true, reliability: true, retraction: { select: { reason: true } } },
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
  };
}
export type RoundReport = Awaited<ReturnType<typeof roundReport>>;
