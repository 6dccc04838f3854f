import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";

/** What a filtered list says when nothing matches: one message, and the way back to everything. */
export async function EmptyFilterResult({ message, clearHref }: { message: string; clearHref: string }) {
  const t = await getTranslations("filters");
  return (
    <p className="mt-6 rounded border border-slate-300 bg-white px-4 py-3 text-sm" data-testid="empty-filter-result">
      {message}{" "}
      <Link href={clearHref} className="font-medium text-brand-700 underline">
        {t("clear")}
      </Link>
    </p>
  );
}
