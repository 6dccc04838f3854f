import "server-only";
import { db } from "./db/client";
import { atPlanRevision } from "./figures-cache";
import { ensure, type Actor } from "./permissions";
import { dateOnly, isoDate, todayIso } from "./validation";

/**
 * Every indicator with its baseline, target and the observations made by the
 * end of `asOf` (today when not given), oldest first, each with the evidence
 * that reports it.
 */
export async function listIndicators(actor: Actor, asOf: string = todayIso()) {
  ensure(actor, "plan.read");
  return atPlanRevision(JSON.stringify(["indicators", asOf]), () => readIndicators(asOf));
}

async function readIndicators(asOf: string) {
  const indicators = await db().indicator.findMany({
    orderBy: [{ pillar: { number: "asc" } }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      nameEs: true,
      unit: true, unitEs: true,
      better: true,
      baselineValue: true,
      baselineDate: true,
      targetValue: true,
      targetDate: true,
      pillar: { select: { number: true, name: true, nameEs: true } },
      commitment: { select: { id: true, title: true, titleEs: true } },
      observations: {
        where: { observedOn: { lte: dateOnly(asOf) } },
        orderBy: { observedOn: "asc" },
        select: { id: true, value: true, observedOn: true, note: true, evidence: { select: { id: true, title: true, publisher: true, retraction: { select: { id: true } } } } },
      },
    },
  });
  return indicators.map((indicator) => ({
    ...indicator,
    baselineDate: isoDate(indicator.baselineDate),
    targetDate: isoDate(indicator.targetDate),
    observations: indicator.observations.map((observation) => ({ ...observation, observedOn: isoDate(observation.observedOn) })),
  }));
}

export type IndicatorSeries = Awaited<ReturnType<typeof readIndicators>>[number];
