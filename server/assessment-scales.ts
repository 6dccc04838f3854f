import "server-only";
import { advancesScale, resultsScale } from "../domain/assessment-scales";
import type { Advances, Results } from "./db/generated/enums";

/** How many steps apart two verdicts are on a scale; null when either is off it. */
function stepsApart<T>(scale: readonly T[], a: T | null, b: T | null): number | null {
  if (a === null || b === null) return null;
  const first = scale.indexOf(a);
  const second = scale.indexOf(b);
  return first < 0 || second < 0 ? null : Math.abs(first - second);
}

interface VerdictPair {
  advances: Advances | null;
  results: Results | null;
}

/** A self-assessment and an independent one disagree when they are two or more steps apart on either scale. */
export function compareVerdicts(self: VerdictPair, independent: VerdictPair) {
  const advancesGap = stepsApart(advancesScale, self.advances, independent.advances);
  const resultsGap = stepsApart(resultsScale, self.results, independent.results);
  return { advancesGap, resultsGap, flagged: (advancesGap ?? 0) >= 2 || (resultsGap ?? 0) >= 2 };
}
