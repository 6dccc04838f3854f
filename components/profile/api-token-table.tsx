import { getFormatter, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import type { FormAction } from "@/components/form-state";
import { Table, TableHead } from "@/components/table";
import type { ApiTokenListItem } from "@/server/api-tokens";
import { RevokeApiTokenForm } from "./api-token-forms";

/**
 * Personal API tokens with what is known of them, never the token itself;
 * each active one with its revoke button. With owners, a column names whose
 * each token is (the admins' list).
 */
export async function ApiTokenTable({
  tokens,
  caption,
  revokeAction,
}: {
  tokens: (ApiTokenListItem & { owner?: { name: string; email: string } })[];
  caption: string;
  revokeAction: FormAction;
}) {
  const [t, admin, format] = await Promise.all([getTranslations("profile.apiTokens"), getTranslations("adminTokens"), getFormatter()]);
  const withOwners = tokens.some((token) => token.owner);
  const day = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium" });
  const columns = ["name", "scope", "prefix", "created", "expires", "lastUsed", "state", "actions"] as const;
  return (
    <ClientMessages of={["components/profile/api-token-forms"]}>
      <Table className="mt-4 w-full text-left text-sm" caption={caption}>
        <TableHead columns={[...(withOwners ? [admin("owner")] : []), ...columns.map((column) => t(`columns.${column}`))]} />
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} className="border-b border-slate-100 align-top">
              {withOwners && (
                <td className="py-1 pr-2">
                  {token.owner?.name}
                  <span className="block text-xs text-slate-600">{token.owner?.email}</span>
                </td>
              )}
              <td className="py-1 pr-2">{token.name}</td>
              <td className="py-1 pr-2">{t(`scopes.${token.scope}`)}</td>
              <td className="py-1 pr-2">
                <code>{token.prefix}</code>
              </td>
              <td className="py-1 pr-2">{day(token.createdAt)}</td>
              <td className="py-1 pr-2">{day(token.expiresAt)}</td>
              <td className="py-1 pr-2">{token.lastUsedAt ? format.dateTime(new Date(token.lastUsedAt), { dateStyle: "medium", timeStyle: "short" }) : t("neverUsed")}</td>
              <td className="py-1 pr-2">{t(`states.${token.state}`)}</td>
              <td className="py-1">{token.state === "active" && <RevokeApiTokenForm action={revokeAction} id={token.id} name={token.name} />}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </ClientMessages>
  );
}
