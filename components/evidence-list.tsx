import { getFormatter, getTranslations } from "next-intl/server";
import type { EvidenceKind, EvidenceShows, Reliability } from "@/server/db/generated/enums";

export interface EvidenceListItem {
  id: string;
  title: string;
  kind: EvidenceKind;
  publisher: string;
  url: string | null;
  publishedOn: Date | null;
  summary: string;
  shows: EvidenceShows;
  reliability: Reliability;
  retraction: { reason: string } | null;
  milestone?: { id: string; title: string } | null;
}

export async function EvidenceList({ items, empty }: { items: EvidenceListItem[]; empty: string }) {
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  if (items.length === 0) return <p className="mt-2 text-sm">{empty}</p>;
  return (
    <ul className="mt-3 space-y-4">
      {items.map((item) => (
        <li key={item.id} className="rounded border border-slate-200 bg-white p-4">
          <h3 className="font-medium">
            {item.retraction && <span className="mr-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">{t("commitment.retracted")}</span>}
            {item.url ? (
              <a href={item.url} rel="noopener noreferrer" className="text-brand-700 underline-offset-2 hover:underline">
                {item.title}
              </a>
            ) : (
              item.title
            )}
          </h3>
          <p className="mt-1 text-xs text-slate-600">
            {item.publisher}
            {item.publishedOn && <> · {format.dateTime(item.publishedOn, { dateStyle: "medium" })}</>} · {t(`evidenceKind.${item.kind}`)} ·{" "}
            {t(`reliability.${item.reliability}`)} · {t(`evidenceShows.${item.shows}`)}
          </p>
          {item.milestone && <p className="mt-1 text-xs text-slate-600">{t("commitment.aboutMilestone", { title: item.milestone.title })}</p>}
          <p className="mt-2 text-sm">{item.summary}</p>
          {item.retraction && <p className="mt-2 text-sm text-red-800">{t("commitment.retractedBecause", { reason: item.retraction.reason })}</p>}
        </li>
      ))}
    </ul>
  );
}
