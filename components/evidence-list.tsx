import { Link } from "@/components/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { EvidenceKind, EvidenceShows, Locale, Reliability } from "@/server/db/generated/enums";
import { LanguageMark } from "@/components/plan-text";
import { planTextStrings } from "@/components/plan-text-server";

export interface EvidenceListItem {
  id: string;
  title: string;
  kind: EvidenceKind;
  publisher: string;
  url: string | null;
  publishedOn: Date | null;
  summary: string;
  /** The language its title and summary were written in, where the list knows it. */
  language?: Locale;
  shows: EvidenceShows;
  reliability: Reliability;
  createdAt: Date;
  retraction: { reason: string } | null;
  milestone?: { id: string; title: string; titleEs: string | null } | null;
  // Given on the evidence log, where records of every commitment stand together.
  commitment?: { id: string; title: string; titleEs: string | null; pillar: { number: number } };
  author?: { name: string };
}

const link = "text-brand-700 underline-offset-2 hover:underline";

export async function EvidenceList({ items, empty }: { items: EvidenceListItem[]; empty: string }) {
  const [t, format, planText] = await Promise.all([getTranslations(), getFormatter(), planTextStrings()]);
  if (items.length === 0) return <p className="mt-2 text-sm">{empty}</p>;
  return (
    <ul className="mt-3 space-y-4">
      {items.map((item) => (
        <li key={item.id} className="rounded border border-slate-200 bg-white p-4" data-testid="evidence-item">
          <h3 className="font-medium">
            {item.retraction && <span className="mr-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">{t("commitment.retracted")}</span>}
            <Link href={`/evidence/${item.id}`} className={link} lang={item.language}>
              {item.title}
            </Link>
            {item.language && (
              <>
                {" "}
                <LanguageMark lang={item.language} />
              </>
            )}
          </h3>
          <p className="mt-1 text-xs text-slate-600">
            {item.publisher}
            {item.publishedOn && <> · {format.dateTime(item.publishedOn, { dateStyle: "medium" })}</>} · {t(`evidenceKind.${item.kind}`)} ·{" "}
            {t(`reliability.${item.reliability}`)} · {t(`evidenceShows.${item.shows}`)}
          </p>
          {/* Lines 8px apart, so that each link keeps a 24px target (WCAG 2.5.8). */}
          {(item.commitment || item.milestone) && (
            <div className="mt-2 space-y-2 text-sm">
              {item.commitment && (
                <p>
                  <Link href={`/commitments/${item.commitment.id}`} className={link}>
                    {t("evidenceLog.onCommitment", { number: item.commitment.pillar.number, title: planText(item.commitment.title, item.commitment.titleEs) })}
                  </Link>
                </p>
              )}
              {item.milestone && (
                <p>
                  <Link href={`/milestones/${item.milestone.id}`} className={link}>
                    {t("commitment.aboutMilestone", { title: planText(item.milestone.title, item.milestone.titleEs) })}
                  </Link>
                </p>
              )}
            </div>
          )}
          <p className="mt-2 text-sm" lang={item.language}>
            {item.summary}
          </p>
          {item.url && (
            <p className="mt-1 text-sm">
              <a href={item.url} rel="noopener noreferrer" className={link}>
                {t("evidenceLog.openSource")}
                <span className="sr-only"> {t("evidenceLog.sourceOf", { title: item.title })}</span>
              </a>
            </p>
          )}
          {item.author && (
            <p className="mt-1 text-xs text-slate-600">
              {t("evidenceLog.loggedBy", { name: item.author.name, date: format.dateTime(item.createdAt, { dateStyle: "medium" }) })}
            </p>
          )}
          {item.retraction && <p className="mt-2 text-sm text-red-800">{t("commitment.retractedBecause", { reason: item.retraction.reason })}</p>}
        </li>
      ))}
    </ul>
  );
}
