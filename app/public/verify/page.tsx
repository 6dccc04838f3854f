import { getTranslations } from "next-intl/server";
import { publicHref, publicLocale } from "@/components/public/addresses";
import { VerificationResult } from "@/components/public/verification";
import { reportUploadMegabytes } from "@/domain/limits";
import { orNotFound } from "@/server/pages";
import { publicVerification, reportUploadField } from "@/server/report-verification";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("public.verify");
  return { title: t("title") };
}

export default async function PublicVerifyPage({ searchParams }: Props) {
  const [verification, t, locale] = await Promise.all([orNotFound(publicVerification(await searchParams)), getTranslations("public.verify"), publicLocale()]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("intro")}</p>
      {verification.status !== "idle" && <VerificationResult verification={verification} />}
      {/* A plain form: the browser posts the file itself, with or without JavaScript. */}
      <form method="post" action={publicHref(locale, "/verify/upload")} encType="multipart/form-data" className="mt-6 rounded border border-slate-200 bg-white p-4 text-sm">
        <label htmlFor="report" className="block font-medium">
          {t("fileLabel")}
        </label>
        <p id="report-hint" className="mt-1 text-xs text-slate-600">
          {t("fileHint", { megabytes: reportUploadMegabytes })}
        </p>
        <input id="report" name={reportUploadField} type="file" accept=".json,application/json" aria-describedby="report-hint" className="mt-2 block" />
        <button type="submit" className="mt-4 rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("check")}
        </button>
      </form>
    </>
  );
}
