import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/actions/session";

export async function SignOutButton() {
  const t = await getTranslations("shell");
  return (
    <form action={signOutAction}>
      <button type="submit" className="rounded border border-current px-2 py-1 text-sm">
        {t("signOut")}
      </button>
    </form>
  );
}
