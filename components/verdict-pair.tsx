import { useTranslations } from "next-intl";
import type { Advances, Results } from "@/server/db/generated/enums";

// Neither a client component nor an async one, so that server pages and the
// dashboard's client components render the same pair: useTranslations reads
// the request's messages on the server and the provider's in the browser.

/**
 * A verdict's two scales, each named beside its word ("Advances: Steady ·
 * Results: Slow"), so that neither sight nor a screen reader has to know
 * which comes first; "not rated" where a draft has no rating yet.
 */
export function VerdictPair({ advances, results }: { advances: Advances | null; results: Results | null }) {
  const t = useTranslations();
  return (
    <span data-testid="verdict-pair">
      {t.rich("verdict.pair", {
        advances: advances ? t(`advances.${advances}`) : t("verdict.notRated"),
        results: results ? t(`results.${results}`) : t("verdict.notRated"),
        scale: (chunks) => <span className="font-medium">{chunks}</span>,
      })}
    </span>
  );
}
