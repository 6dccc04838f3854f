import "server-only";
import { positiveSetting } from "../env";

// How long a session lasts: it ends after a spell without activity (idle) and,
// whatever the activity, a fixed time after sign-in (absolute). Pure, so that
// tests can hold the rule to any clock.

export interface SessionLimits {
  idleSeconds: number;
  maxSeconds: number;
}

/** The times a session token carries, in seconds since the epoch. */
export interface SessionTimes {
  signedInAt: number;
  lastSeenAt: number;
}

export type SessionStanding = "live" | "idle" | "expired";

/** SESSION_IDLE_MINUTES (30 by default) and SESSION_MAX_HOURS (12 by default); fractions allowed. */
export function sessionLimits(env: Record<string, string | undefined> = process.env): SessionLimits {
  const idleMinutes = positiveSetting(env, "SESSION_IDLE_MINUTES", 30);
  const maxHours = positiveSetting(env, "SESSION_MAX_HOURS", 12);
  return { idleSeconds: Math.round(idleMinutes * 60), maxSeconds: Math.round(maxHours * 3600) };
}

export function sessionStanding(times: SessionTimes, nowSeconds: number, limits: SessionLimits): SessionStanding {
  if (nowSeconds - times.signedInAt >= limits.maxSeconds) return "expired";
  if (nowSeconds - times.lastSeenAt >= limits.idleSeconds) return "idle";
  return "live";
}

export function secondsOf(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
