import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";
import { Table, TableHead } from "@/components/table";
import type { AssessmentListItem } from "@/server/assessments";
import { VerdictPair } from "@/components/verdict-pair";
import { AssessmentStateBadge } from "./verdict";
import { planTextStrings } from "@/components/plan-text-server";

/**
 * Assessments a row each, linking to their pages. The first column names what
 * the page does not already say: the subject (pillar or commitment) within a
 * round, the round on a commitment's page, or both in a list across rounds.
 */
export async function AssessmentTable({ rows, firstColumn }: { rows: AssessmentListItem[]; firstColumn: "subject" | "round" | "roundAndSubject" }) {
  const [t, planText] = await Promise.all([getTranslations(), planTextStrings()]);
  const subject = (row: AssessmentListItem) =>
    row.commitment
      ? t("rounds.commitmentOption", { number: row.pillar.number, title: planText(row.commitment.title, row.commitment.titleEs) })
      : t("rounds.pillarOption", { number: row.pillar.number, name: planText(row.pillar.name, row.pillar.nameEs) });
  const round = (row: AssessmentListItem) => planText(row.round.title, row.round.titleEs);
  const label = (row: AssessmentListItem) => (firstColumn === "subject" ? subject(row) : firstColumn === "round" ? round(row) : `${round(row)} · ${subject(row)}`);
  return (
    <Table className="mt-2 w-full max-w-5xl border-collapse bg-white text-left text-sm" caption={t("rounds.assessmentsCaption")}>
      <TableHead
        columns={[
          firstColumn === "round" ? t("rounds.round") : t("rounds.subject"),
          t("rounds.kind"),
          t("rounds.author"),
          t("rounds.state"),
          `${t("rounds.advances")} / ${t("rounds.results")}`,
        ]}
      />
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className="border-b border-slate-200">
            <td className="p-2">
              <Link href={`/assessments/${row.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                {label(row)}
              </Link>
            </td>
            <td className="p-2">
              {t(`assessment.kind.${row.kind}`)}
              {row.agency && <> · {row.agency.name}</>}
            </td>
            <td className="p-2">{row.author.name}</td>
            <td className="p-2">
              <AssessmentStateBadge state={row.state} /> {t("assessment.edition", { edition: row.edition })}
            </td>
            <td className="p-2">
              <VerdictPair advances={row.advances} results={row.results} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
