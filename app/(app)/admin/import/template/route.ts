import { getTranslations } from "next-intl/server";
import { apiRoute } from "@/server/http";
import { planImportTemplate } from "@/server/plan-import";
import { requireActor } from "@/server/session";

/** The import template: a header row and one example row, as a download. Admins only (403 otherwise). */
export const GET = apiRoute(async () => {
  const actor = await requireActor();
  // Each language's column gets the example in that language.
  const [en, es] = await Promise.all([getTranslations({ locale: "en", namespace: "planImport.template" }), getTranslations({ locale: "es", namespace: "planImport.template" })]);
  const csv = await planImportTemplate(actor, {
    commitmentTitle: en("commitmentTitle"),
    commitmentTitleEs: es("commitmentTitle"),
    commitmentDescription: en("commitmentDescription"),
    commitmentDescriptionEs: es("commitmentDescription"),
    sourceCitation: (actor.locale === "es" ? es : en)("sourceCitation"),
    milestoneTitle: en("milestoneTitle"),
    milestoneTitleEs: es("milestoneTitle"),
    milestoneDescription: en("milestoneDescription"),
    milestoneDescriptionEs: es("milestoneDescription"),
  });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="plan-import-template.csv"',
      "Cache-Control": "no-store",
    },
  });
});
