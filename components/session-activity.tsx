import { sessionLimits } from "@/server/auth/session-limits";
import { SessionRenewal } from "./session-renewal";

/** Keeps a signed-in page's session alive while the person is active on it (see SessionRenewal). */
export function SessionActivity() {
  const { idleSeconds } = sessionLimits();
  // Often enough that the idle limit never falls between two renewals of an active person, at most once a minute.
  return <SessionRenewal renewEverySeconds={Math.max(1, Math.min(60, Math.floor(idleSeconds / 4)))} />;
}
