import type { Advances, Results } from "../server/db/generated/enums";

// The two scales of a verdict in order, worst first. The dashboard's charts
// in the browser draw their axes from them as the figures on the server count
// steps on them, so this module imports nothing server-only. "Cannot be
// assessed" is off the results scale: it is compared with nothing.
export const advancesScale: readonly Advances[] = ["none", "limited", "steady", "substantial"];
export const resultsScale: readonly Results[] = ["worsened", "none_yet", "slow", "moderate", "significant"];
