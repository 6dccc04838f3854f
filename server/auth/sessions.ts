import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "../audit";
import { db, type Transaction } from "../db/client";
import { NotFoundError } from "../errors";
import { ensure, type Actor } from "../permissions";
import { parseInput, recordId } from "../validation";
import { sessionLimits } from "./session-limits";

// The server's record of every signed-in session (model Session). A session
// token is honoured only while the record named by its `sid` has not ended
// (findActiveAccount in server/users.ts reads it with the account on every
// request), so that signing out, "end this session", "sign out everywhere"
// and an admin's ending of someone's sessions hold against any copy of the cookie.

/** Renewals come with every page shown; the last-seen time they move is written at most this often. */
const lastSeenEverySeconds = 60;

const secondsBefore = (now: Date, seconds: number) => new Date(now.getTime() - seconds * 1000);

/**
 * Starts the record of a session, in the transaction that audits the sign-in,
 * and answers its id (the token's `sid`). Records past the absolute limit,
 * whose tokens can never be live again, are dropped: the audit trail keeps
 * every sign-in and sign-out for good.
 */
export async function startSession(tx: Transaction, userId: string, now: Date, userAgent: string | null): Promise<string> {
  const id = randomUUID();
  await tx.session.deleteMany({ where: { startedAt: { lte: secondsBefore(now, sessionLimits().maxSeconds) } } });
  await tx.session.create({ data: { id, userId, startedAt: now, lastSeenAt: now, userAgent: userAgent?.slice(0, 512) || null } });
  return id;
}

/** Moves a live session's last-seen time to `now`, unless it was moved within the last minute. */
export async function recordActivity(sessionId: string, now: Date): Promise<void> {
  await db().session.updateMany({
    where: { id: sessionId, endedAt: null, lastSeenAt: { lte: secondsBefore(now, lastSeenEverySeconds) } },
    data: { lastSeenAt: now },
  });
}

/** Ends every session of the account, in the transaction that raises its session version. */
export async function endAllSessions(tx: Transaction, userId: string, now = new Date()): Promise<void> {
  await tx.session.updateMany({ where: { userId, endedAt: null }, data: { endedAt: now } });
}

/** Ends the session a browser signs out of (its token's `sid` and `sub`), audited; nothing when it has already ended. */
export async function endSignedOutSession(session: { sid: string; sub: string }, now = new Date()): Promise<void> {
  await db().$transaction(async (tx) => {
    const ended = await tx.session.updateMany({ where: { id: session.sid, userId: session.sub, endedAt: null }, data: { endedAt: now } });
    if (ended.count > 0) await recordAudit(tx, { id: session.sub }, { action: "user.signOut", entityType: "User", entityId: session.sub, after: { sessionId: session.sid } });
  });
}

const sessionEndInput = z.object({ sessionId: recordId });

/** Ends one of the actor's own sessions from the profile; another person's session, or one already ended, is not found. */
export async function endMySession(actor: Actor, raw: unknown, now = new Date()): Promise<void> {
  ensure(actor, "profile.update");
  const { sessionId } = parseInput(sessionEndInput, raw);
  await db().$transaction(async (tx) => {
    const ended = await tx.session.updateMany({ where: { id: sessionId, userId: actor.id, endedAt: null }, data: { endedAt: now } });
    if (ended.count === 0) throw new NotFoundError();
    await recordAudit(tx, actor, { action: "user.session.end", entityType: "User", entityId: actor.id, after: { sessionId } });
  });
}

/** The browser and system a User-Agent names, for a person to recognise a session by; null for what it does not say. */
export interface Device {
  browser: string | null;
  system: string | null;
}

// The first pattern that matches names it: Edge and Opera also say Chrome,
// Chrome also says Safari, and iOS and Android also say Mac OS X and Linux.
const browsers: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\b(OPR|Opera)\//, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\b(Firefox|FxiOS)\//, "Firefox"],
  [/\b(Chrome|CriOS|HeadlessChrome|Chromium)\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
];
const systems: [RegExp, string][] = [
  [/\bWindows\b/, "Windows"],
  [/\b(iPhone|iPad|iPod)\b/, "iOS"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\b(Macintosh|Mac OS X)\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

export function deviceOf(userAgent: string | null): Device {
  const named = (patterns: [RegExp, string][]) => patterns.find(([pattern]) => pattern.test(userAgent ?? ""))?.[1] ?? null;
  return { browser: named(browsers), system: named(systems) };
}

export interface SessionListItem {
  id: string;
  startedAt: Date;
  lastSeenAt: Date;
  device: Device;
  /** The session of this request. */
  current: boolean;
}

/**
 * The actor's sessions that may still be live, most recently seen first. The
 * recorded last-seen time may lag a minute behind the token's, so a session
 * is left out only once it is idle by that minute too.
 */
export async function listMySessions(actor: Actor, currentSessionId: string | null, now = new Date()): Promise<SessionListItem[]> {
  ensure(actor, "profile.update");
  const { idleSeconds, maxSeconds } = sessionLimits();
  const sessions = await db().session.findMany({
    where: {
      userId: actor.id,
      endedAt: null,
      startedAt: { gt: secondsBefore(now, maxSeconds) },
      lastSeenAt: { gt: secondsBefore(now, idleSeconds + lastSeenEverySeconds) },
    },
    orderBy: [{ lastSeenAt: "desc" }, { startedAt: "desc" }],
    select: { id: true, startedAt: true, lastSeenAt: true, userAgent: true },
  });
  return sessions.map(({ userAgent, ...session }) => ({ ...session, device: deviceOf(userAgent), current: session.id === currentSessionId }));
}
