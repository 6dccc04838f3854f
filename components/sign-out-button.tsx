"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { signOut } from "./auth-client";

export function SignOutButton() {
  const t = useTranslations("shell");
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await signOut().catch(() => undefined);
        window.location.assign("/signin");
      }}
      className="rounded border border-current px-2 py-1 text-sm"
    >
      {pending ? t("signingOut") : t("signOut")}
    </button>
  );
}
