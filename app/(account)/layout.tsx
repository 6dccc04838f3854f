import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";
import { EnrolmentShell } from "@/components/profile/enrolment-shell";
import { accountForPage } from "@/server/profile";

// The profile lives outside the (app) group because it is the one page open to
// an account that still owes its role's second factor: the (app) layout sends
// such an account here.
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const { actor, mustEnrolSecondFactor } = await accountForPage();
  if (mustEnrolSecondFactor) return <EnrolmentShell name={actor.name}>{children}</EnrolmentShell>;
  return <AppShell actor={actor}>{children}</AppShell>;
}
