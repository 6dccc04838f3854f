import { getTranslations } from "next-intl/server";
import { createUserAction } from "@/app/actions/users";
import { ClientMessages } from "@/components/client-messages";
import { UserForm } from "@/components/users/user-form";
import { actorForPageWith } from "@/server/pages";
import { getUserFormOptions } from "@/server/user-admin";

export async function generateMetadata() {
  const t = await getTranslations("users");
  return { title: t("newTitle") };
}

export default async function NewUserPage() {
  const actor = await actorForPageWith("user.manage");
  const [{ agencies }, t] = await Promise.all([getUserFormOptions(actor), getTranslations("users")]);
  return (
    <ClientMessages of={["components/users/user-form"]}>
      <h1 className="text-2xl font-semibold">{t("newTitle")}</h1>
      <UserForm action={createUserAction} agencies={agencies} />
    </ClientMessages>
  );
}
