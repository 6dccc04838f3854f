import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-16">
      <h1 className="text-2xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-2">{t("notFoundBody")}</p>
      <p className="mt-4">
        <Link href="/overview" className="text-brand-700 underline">
          {t("backToOverview")}
        </Link>
      </p>
    </main>
  );
}
