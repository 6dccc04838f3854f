import { getTranslations } from "next-intl/server";
import { endUserSessionsAction, resetUserSecondFactorAction, setUserActiveAction, updateUserAction } from "@/app/actions/users";
import { ClientMessages } from "@/components/client-messages";
import { recordPageMetadata } from "@/components/page-title";
import { Section } from "@/components/section";
import { ActivationForm, EndSessionsForm, ResetSecondFactorForm } from "@/components/users/account-actions";
import { UserForm } from "@/components/users/user-form";
import { actorForPageWith, recordForPage } from "@/server/pages";
import { getUserForEdit, getUserFormOptions } from "@/server/user-admin";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const user = await recordForPage(getUserForEdit, (await params).id, "user.manage");
  return recordPageMetadata(user.name, "user");
}

export default async function UserPage({ params }: Props) {
  const actor = await actorForPageWith("user.manage");
  const { id } = await params;
  const [user, { agencies }, t] = await Promise.all([recordForPage(getUserForEdit, id, "user.manage"), getUserFormOptions(actor), getTranslations("users")]);
  return (
    <ClientMessages of={["components/users/account-actions", "components/users/user-form"]}>
      <h1 className="text-2xl font-semibold">{t("editTitle", { name: user.name })}</h1>
      <p className="mt-2 text-slate-700">
        {user.email} · {user.active ? t("active") : t("inactive")} · {user.secondFactorEnrolled ? t("secondFactorOn") : t("secondFactorOff")}
      </p>
      <UserForm action={updateUserAction.bind(null, user.id)} agencies={agencies} user={user} />
      <Section id="account-access" title={t("accessTitle")} className="mt-10 max-w-2xl">
        <p className="mt-2 text-sm">{t("accessIntro")}</p>
        <div className="mt-4 flex flex-wrap items-start gap-6">
          <ActivationForm action={setUserActiveAction.bind(null, user.id)} active={user.active} version={user.version} />
          <EndSessionsForm action={endUserSessionsAction.bind(null, user.id)} />
          {user.secondFactorEnrolled ? <ResetSecondFactorForm action={resetUserSecondFactorAction.bind(null, user.id)} version={user.version} /> : null}
        </div>
      </Section>
    </ClientMessages>
  );
}
