import { getTranslations } from "next-intl/server";

/** Marks an archived commitment or milestone wherever it is still listed. */
export async function ArchivedBadge() {
  const t = await getTranslations("planAdmin");
  return (
    <span className="ml-2 inline-block rounded border border-slate-400 bg-slate-100 px-2 py-0.5 align-middle text-xs font-medium text-slate-800">
      {t("archived")}
    </span>
  );
}
