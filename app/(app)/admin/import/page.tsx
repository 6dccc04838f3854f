import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";
import { planImportAction } from "@/app/actions/plan";
import { ClientMessages } from "@/components/client-messages";
import { ImportForm } from "@/components/plan/import-form";
import { actorForPageWith } from "@/server/pages";
import { maxImportBytes, maxImportMegabytes, maxImportRows, planImportColumns } from "@/server/plan-import";
import { Table } from "@/components/table";

export async function generateMetadata() {
  const t = await getTranslations("planImport");
  return { title: t("title") };
}

export default async function PlanImportPage() {
  await actorForPageWith("plan.manage");
  const t = await getTranslations("planImport");
  return (
    <ClientMessages of={["components/plan/import-form"]}>
      <p className="text-sm">
        <Link href="/admin/plan" className="text-brand-700 underline-offset-2 hover:underline">
          {t("backToPlan")}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("intro")}</p>
      <p className="mt-4">
        {/* A plain link: the browser downloads the file rather than the router fetching a page. */}
        <a href="/admin/import/template" download className="font-medium text-brand-700 underline underline-offset-2">
          {t("templateLink")}
        </a>
      </p>
      <details className="mt-4 max-w-4xl rounded border border-slate-300 bg-white p-4">
        <summary className="cursor-pointer font-medium">{t("columnsHeading")}</summary>
        <p className="mt-2 text-sm">{t("columnsIntro")}</p>
        <Table className="mt-3 w-full text-left text-sm" caption={t("columnsHeading")}>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-1 pr-4">{t("columnColumn")}</th>
              <th scope="col" className="py-1">{t("meaningColumn")}</th>
            </tr>
          </thead>
          <tbody>
            {planImportColumns.map((column) => (
              <tr key={column} className="border-b border-slate-100 align-top">
                <th scope="row" className="py-1 pr-4 font-mono font-normal">
                  {column}
                </th>
                <td className="py-1">{t(`columns.${column}`)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </details>
      <ImportForm action={planImportAction} limit={{ bytes: maxImportBytes, megabytes: maxImportMegabytes, rows: maxImportRows }} />
    </ClientMessages>
  );
}
