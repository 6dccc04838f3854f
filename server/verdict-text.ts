import "server-only";
import type { createTranslator, Messages } from "next-intl";
import type { Advances, Results } from "./db/generated/enums";

type Translate = ReturnType<typeof createTranslator<Messages>>;

/** The words of components/verdict-pair.tsx, each scale named, as plain text: for the PDF and the feed, which carry no markup. */
export function verdictText(t: Translate, verdict: { advances: Advances | null; results: Results | null }): string {
  return t.markup("verdict.pair", {
    advances: verdict.advances ? t(`advances.${verdict.advances}`) : t("verdict.notRated"),
    results: verdict.results ? t(`results.${verdict.results}`) : t("verdict.notRated"),
    scale: (chunks) => chunks,
  });
}
