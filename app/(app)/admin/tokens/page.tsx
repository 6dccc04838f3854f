import { getTranslations } from "next-intl/server";
import { revokeApiTokenAction } from "@/app/actions/api-tokens";
import { ApiTokenTable } from "@/components/profile/api-token-table";
import { listActiveApiTokens } from "@/server/api-tokens";
import { actorForPageWith } from "@/server/pages";

export async function generateMetadata() {
  const t = await getTranslations("adminTokens");
  return { title: t("title") };
}

export default async function AdminTokensPage() {
  const actor = await actorForPageWith("apiToken.manage");
  const [tokens, t] = await Promise.all([listActiveApiTokens(actor), getTranslations("adminTokens")]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("intro")}</p>
      {tokens.length === 0 ? <p className="mt-6">{t("none")}</p> : <ApiTokenTable tokens={tokens} caption={t("caption")} revokeAction={revokeApiTokenAction} />}
    </>
  );
}
