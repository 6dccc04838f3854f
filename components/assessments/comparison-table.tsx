import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";
import { Table, TableHead } from "@/components/table";
import type { ComparisonRow } from "@/server/round-report";
import { VerdictPair } from "@/components/verdict-pair";
import { planTextStrings } from "@/components/plan-text-server";

/**
 * Self-assessments beside the independent verdict, a row each; the first
 * column names the commitment (on a round's page) or the round (on a
 * commitment's page).
 */
export async function ComparisonTable({ rows, firstColumn }: { rows: ComparisonRow[]; firstColumn: "commitment" | "round" }) {
  const [t, planText] = await Promise.all([getTranslations(), planTextStrings()]);
  const gap = (value: number | null) => (value === null ? t("rounds.notComparable") : String(value));
  return (
    <Table className="mt-2 w-full max-w-5xl border-collapse bg-white text-left text-sm" testId="comparisons" caption={t("rounds.comparisonHeading")}>
      <TableHead
        columns={[
          firstColumn === "round" ? t("rounds.round") : t("rounds.subject"),
          t("rounds.selfAssessment"),
          t("rounds.independentAssessment"),
          t("rounds.gap"),
        ]}
      />
      <tbody>
        {rows.map(({ self, independent, comparison }) => (
          <tr key={self.id} className="border-b border-slate-200">
            <td className="p-2">
              {firstColumn === "round"
                ? planText(self.round.title, self.round.titleEs)
                : t("rounds.commitmentOption", { number: self.pillar.number, title: self.commitment ? planText(self.commitment.title, self.commitment.titleEs) : "" })}
              {self.agency && <span className="block text-xs text-slate-600">{self.agency.name}</span>}
            </td>
            <td className="p-2">
              <Link href={`/assessments/${self.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                <VerdictPair advances={self.advances} results={self.results} />
              </Link>
            </td>
            <td className="p-2">
              {independent ? (
                <Link href={`/assessments/${independent.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                  <VerdictPair advances={independent.advances} results={independent.results} />
                </Link>
              ) : (
                t("rounds.noCounterpart")
              )}
            </td>
            <td className="p-2">
              {comparison && (
                <>
                  <span className={comparison.flagged ? "rounded bg-red-100 px-1.5 py-0.5 font-semibold text-red-800" : ""}>
                    {comparison.flagged ? `⚑ ${t("rounds.flagged")}` : t("rounds.notFlagged")}
                  </span>
                  <span className="block text-xs text-slate-600">
                    {t("rounds.gapValue", { advances: gap(comparison.advancesGap), results: gap(comparison.resultsGap) })}
                  </span>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
