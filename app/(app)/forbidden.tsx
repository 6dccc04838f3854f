import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";

// A page a signed-in person's role may not use (forbidden() in server/pages.ts):
// answered 403 inside the app's shell, so the navigation to what they may use stays.
export default async function Forbidden() {
  const t = await getTranslations("errors");
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("forbiddenTitle")}</h1>
      <p className="mt-2">{t("forbiddenBody")}</p>
      <p className="mt-4">
        <Link href="/" className="text-brand-700 underline">
          {t("backToWork")}
        </Link>
      </p>
    </>
  );
}
