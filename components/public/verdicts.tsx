import { getFormatter, getTranslations } from "next-intl/server";
import { Section } from "@/components/section";
import { Table } from "@/components/table";
import { VerdictPair } from "@/components/verdict-pair";
import type { PublicRound, PublicVerdict } from "@/server/public-record";
import { PlanText } from "@/components/plan-text";
import { planTextStrings } from "@/components/plan-text-server";

/** The rows of a round's table: the whole pillar first, then each commitment assessed, the self-assessment beside the independent one. */
function subjectsOf(verdicts: PublicVerdict[]) {
  const subjects = new Map<string, { title: string | null; titleEs: string | null; independent: PublicVerdict[]; self: PublicVerdict[] }>();
  for (const verdict of verdicts) {
    const key = verdict.commitment?.id ?? "";
    const subject = subjects.get(key) ?? { title: verdict.commitment?.title ?? null, titleEs: verdict.commitment?.titleEs ?? null, independent: [], self: [] };
    subjects.set(key, subject);
    (verdict.kind === "independent" ? subject.independent : subject.self).push(verdict);
  }
  return [...subjects.entries()].sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : 0)).map(([key, subject]) => ({ key, ...subject }));
}

/** A pillar's published assessments, round by round, newest first: both scales, the narrative and the evidence cited. */
export async function PublicVerdicts({ rounds }: { rounds: PublicRound[] }) {
  const [t, format, planText] = await Promise.all([getTranslations("public.pillar"), getFormatter(), planTextStrings()]);
  const day = (date: Date) => format.dateTime(date, { dateStyle: "medium" });
  return (
    <Section id="verdicts-heading" title={t("verdictsHeading")} className="mt-8">
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("verdictsIntro")}</p>
      {rounds.length === 0 && <p className="mt-3">{t("noVerdicts")}</p>}
      {rounds.map((round) => (
        <section key={round.id} aria-labelledby={`round-${round.id}`} className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="public-round">
          <h3 id={`round-${round.id}`} className="text-lg font-semibold">
            {t("roundHeading", { title: planText(round.title, round.titleEs), start: day(round.periodStart), end: day(round.periodEnd) })}
          </h3>
          {!round.closed && <p className="mt-1 text-sm">{t("roundOpen")}</p>}
          <PublicRoundVerdicts caption={t("verdictsCaption", { title: planText(round.title, round.titleEs) })} verdicts={round.verdicts} />
        </section>
      ))}
    </Section>
  );
}

/**
 * Published assessments of one round: a table of the verdicts, the
 * self-assessments beside the independent ones, then each with its byline (a
 * heading of level 4), narrative and evidence cited. Each is the target of
 * `#assessment-{id}`, which the feed links to.
 */
export async function PublicRoundVerdicts({ caption, verdicts }: { caption: string; verdicts: PublicVerdict[] }) {
  const [t, format, planText] = await Promise.all([getTranslations("public.pillar"), getFormatter(), planTextStrings()]);
  const day = (date: Date) => format.dateTime(date, { dateStyle: "medium" });
  const values = (shown: PublicVerdict[], by: (verdict: PublicVerdict) => string | null) =>
    shown.length === 0
      ? t("none")
      : shown.map((verdict) => (
          <span key={verdict.id} className="block">
            <VerdictPair advances={verdict.advances} results={verdict.results} />
            {by(verdict) && ` (${by(verdict)})`}
          </span>
        ));
  return (
    <>
      <Table className="mt-3 w-full text-left text-sm" caption={caption}>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-1 pr-2">{t("subjectColumn")}</th>
            <th scope="col" className="py-1 pr-2">{t("independentColumn")}</th>
            <th scope="col" className="py-1">{t("selfColumn")}</th>
          </tr>
        </thead>
        <tbody>
          {subjectsOf(verdicts).map((subject) => (
            <tr key={subject.key} className="border-b border-slate-100">
              <th scope="row" className="py-1 pr-2 font-normal">{subject.title ? <PlanText en={subject.title} es={subject.titleEs} /> : t("wholePillar")}</th>
              <td className="py-1 pr-2">{values(subject.independent, () => null)}</td>
              <td className="py-1">{values(subject.self, (verdict) => verdict.agency)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      {verdicts.map((verdict) => {
        const subject = verdict.commitment ? planText(verdict.commitment.title, verdict.commitment.titleEs) : t("wholePillar");
        const byline =
          verdict.kind === "independent"
            ? t("independentBy", { subject, reviewer: verdict.reviewer ?? "", edition: verdict.edition, date: day(verdict.publishedAt) })
            : t("selfBy", { subject, agency: verdict.agency ?? "", edition: verdict.edition, date: day(verdict.publishedAt) });
        return (
          <article key={verdict.id} id={`assessment-${verdict.id}`} className="mt-5 border-t border-slate-200 pt-4" data-testid="public-verdict">
            <h4 className="font-semibold">{byline}</h4>
            <p className="mt-1 text-sm">
              <VerdictPair advances={verdict.advances} results={verdict.results} />
            </p>
            <p className="mt-2 whitespace-pre-line">{verdict.narrative}</p>
            <h5 className="mt-3 text-sm font-semibold">{t("citedHeading")}</h5>
            {verdict.evidence.length === 0 ? (
              <p className="text-sm">{t("noCitations")}</p>
            ) : (
              <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
                {verdict.evidence.map((evidence) => (
                  <li key={evidence.id}>
                    {evidence.url ? (
                      <a href={evidence.url} rel="noopener noreferrer" className="text-brand-700 underline">
                        {evidence.title}
                      </a>
                    ) : (
                      evidence.title
                    )}{" "}
                    ({evidence.publishedOn ? t("source", { publisher: evidence.publisher, date: day(evidence.publishedOn) }) : t("undated", { publisher: evidence.publisher })})
                    {evidence.retraction && (
                      <p className="text-amber-900">{t("retracted", { date: day(evidence.retraction.retractedOn), reason: evidence.retraction.reason })}</p>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </article>
        );
      })}
    </>
  );
}
