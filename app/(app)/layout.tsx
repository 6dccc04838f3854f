import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";
import { actorForPage } from "@/server/pages";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const actor = await actorForPage();
  return <AppShell actor={actor}>{children}</AppShell>;
}
