import { getTranslations } from "next-intl/server";
import { apiRoute } from "@/server/http";
import { planImportTemplate } from "@/server/plan-import";
import { requireActor } from "@/server/session";

/** The import template: a header row and one example row, as a download. Admins only (403 otherwise). */
export const GET = apiRoute(async () => {
  const actor = await requireActor();
  const t = await getTranslations({ locale: actor.locale, namespace: "planImport.template" });
  const csv = await planImportTemplate(actor, {
    commitmentTitle: t("commitmentTitle"),
    commitmentDescription: t("commitmentDescription"),
    sourceCitation: t("sourceCitation"),
    milestoneTitle: t("milestoneTitle"),
    milestoneDescription: t("milestoneDescription"),
  });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="plan-import-template.csv"',
      "Cache-Control": "no-store",
    },
  });
});
