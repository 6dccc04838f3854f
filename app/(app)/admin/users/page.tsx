import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Table, TableHead } from "@/components/table";
import { actorForPageWith } from "@/server/pages";
import { listUsers } from "@/server/user-admin";

export async function generateMetadata() {
  const t = await getTranslations("users");
  return { title: t("title") };
}

const link = "text-brand-700 underline-offset-2 hover:underline";
const hidden = (chunks: ReactNode) => <span className="sr-only">{chunks}</span>;

export default async function UsersPage() {
  const actor = await actorForPageWith("user.manage");
  const [users, t] = await Promise.all([listUsers(actor), getTranslations()]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("users.title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("users.intro")}</p>
      <p className="mt-4">
        <Link href="/admin/users/new" className={link}>
          {t("users.newUser")}
        </Link>
        {" · "}
        <Link href="/admin/tokens" className={link}>
          {t("users.apiTokens")}
        </Link>
      </p>
      <Table className="mt-6 w-full text-left text-sm" caption={t("users.caption")}>
        <TableHead
          columns={[t("users.fields.name"), t("users.fields.email"), t("users.fields.roles"), t("users.fields.agency"), t("users.stateColumn"), t("users.secondFactorColumn"), t("users.actionsColumn")]}
        />
        <tbody>
          {users.map((user) => (
            <tr key={user.id} className="border-b border-slate-100 align-top">
              <td className="py-1 pr-2">{user.name}</td>
              <td className="py-1 pr-2">{user.email}</td>
              <td className="py-1 pr-2">{user.roles.map((role) => t(`roles.${role}`)).join(", ")}</td>
              <td className="py-1 pr-2">{user.agency?.code ?? t("users.fields.noAgency")}</td>
              <td className="py-1 pr-2">{user.active ? t("users.active") : t("users.inactive")}</td>
              <td className="py-1 pr-2">{user.secondFactorEnrolled ? t("users.secondFactorOn") : t("users.secondFactorOff")}</td>
              <td className="py-1">
                <Link href={`/admin/users/${user.id}`} className={link}>
                  {t.rich("users.manage", { name: user.name, hidden })}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
