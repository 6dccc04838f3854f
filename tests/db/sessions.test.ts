import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { sessionLimits, sessionStanding } from "../../server/auth/session-limits";
import { db } from "../../server/db/client";
import { createUser } from "../factories";

const secret = "sessions-test-secret";
process.env.NEXTAUTH_SECRET = secret;
delete process.env.SESSION_IDLE_MINUTES;
delete process.env.SESSION_MAX_HOURS;
delete process.env.TOTP_REQUIRED_ROLES;
const { accountOfSessionToken } = await import("../../server/session");

const signIn = new Date("2026-03-02T08:00:00Z");
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const later = (minutes: number, from = signIn) => new Date(from.getTime() + minutes * 60_000);

/** A session token as next-auth writes it for server/session.ts (its exp far off, so only the claims decide). */
function tokenOf(claims: { sub: string; sid?: string; sessionVersion?: number; method?: "password" | "sso"; signedInAt?: Date; lastSeenAt?: Date }, tokenSecret = secret) {
  return encode({
    secret: tokenSecret,
    maxAge: 30 * 24 * 3600,
    token: {
      sub: claims.sub,
      sid: claims.sid ?? "session-1",
      sessionVersion: claims.sessionVersion ?? 0,
      ...(claims.method ? { method: claims.method } : {}),
      signedInAt: seconds(claims.signedInAt ?? signIn),
      lastSeenAt: seconds(claims.lastSeenAt ?? claims.signedInAt ?? signIn),
    },
  });
}

describe("how long a session lasts", () => {
  it("ends after 30 idle minutes and 12 hours after sign-in by default, each configurable", () => {
    expect(sessionLimits({})).toEqual({ idleSeconds: 1800, maxSeconds: 43_200 });
    expect(sessionLimits({ SESSION_IDLE_MINUTES: "0.05", SESSION_MAX_HOURS: "1" })).toEqual({ idleSeconds: 3, maxSeconds: 3600 });
    expect(() => sessionLimits({ SESSION_IDLE_MINUTES: "soon" })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => sessionLimits({ SESSION_MAX_HOURS: "0" })).toThrow(/SESSION_MAX_HOURS/);
  });

  it("counts idle time from the last sign of activity, and the absolute limit from sign-in whatever the activity", () => {
    const limits = { idleSeconds: 1800, maxSeconds: 43_200 };
    const times = { signedInAt: seconds(signIn), lastSeenAt: seconds(later(600)) };
    expect(sessionStanding(times, seconds(later(629)), limits)).toBe("live");
    expect(sessionStanding(times, seconds(later(630)), limits)).toBe("idle");
    const busy = { signedInAt: seconds(signIn), lastSeenAt: seconds(later(719)) };
    expect(sessionStanding(busy, seconds(later(719.5)), limits)).toBe("live");
    expect(sessionStanding(busy, seconds(later(720)), limits)).toBe("expired");
  });
});

describe("the account behind a session token", () => {
  it("holds a manager without a second factor to enrolment after a password sign-in (or a token that predates the method), not after single sign-on", async () => {
    const manager = await createUser({ roles: ["manager"] });
    expect(await accountOfSessionToken(await tokenOf({ sub: manager.id }), later(1))).toMatchObject({ mustEnrolSecondFactor: true });
    expect(await accountOfSessionToken(await tokenOf({ sub: manager.id, method: "password" }), later(1))).toMatchObject({ mustEnrolSecondFactor: true });
    expect(await accountOfSessionToken(await tokenOf({ sub: manager.id, method: "sso" }), later(1))).toMatchObject({ mustEnrolSecondFactor: false });
  });

  it("is found while the session is live and no longer once it is idle or past 12 hours", async () => {
    const user = await createUser({ roles: ["reviewer"] });
    const token = await tokenOf({ sub: user.id });
    expect((await accountOfSessionToken(token, later(29)))?.actor.id).toBe(user.id);
    expect(await accountOfSessionToken(token, later(30))).toBeNull();

    const active = await tokenOf({ sub: user.id, lastSeenAt: later(11 * 60 + 50) });
    expect((await accountOfSessionToken(active, later(11 * 60 + 59)))?.actor.id).toBe(user.id);
    expect(await accountOfSessionToken(active, later(12 * 60))).toBeNull();
  });

  it("is not found for a token signed with another secret, a token without its times, or no token", async () => {
    const user = await createUser({ roles: ["reviewer"] });
    expect(await accountOfSessionToken(await tokenOf({ sub: user.id }, "another-secret"), later(1))).toBeNull();
    const withoutTimes = await encode({ secret, token: { sub: user.id, sid: "session-1", sessionVersion: 0 } });
    expect(await accountOfSessionToken(withoutTimes, later(1))).toBeNull();
    expect(await accountOfSessionToken(undefined, later(1))).toBeNull();
  });

  it("is not found for the session this browser signed out of, even if a late renewal set its cookie again", async () => {
    const user = await createUser({ roles: ["reviewer"] });
    const signedOut = await tokenOf({ sub: user.id, sid: "signed-out" });
    expect(await accountOfSessionToken(signedOut, later(1), "signed-out")).toBeNull();
    const signedInAgain = await tokenOf({ sub: user.id, sid: "a-new-one" });
    expect((await accountOfSessionToken(signedInAgain, later(1), "signed-out"))?.actor.id).toBe(user.id);
  });

  it("is not found once the account's sessions were ended or it was deactivated", async () => {
    const user = await createUser({ roles: ["staff"] });
    const token = await tokenOf({ sub: user.id });
    await db().user.update({ where: { id: user.id }, data: { sessionVersion: 1 } });
    expect(await accountOfSessionToken(token, later(1))).toBeNull();
    const renewed = await tokenOf({ sub: user.id, sessionVersion: 1 });
    expect(await accountOfSessionToken(renewed, later(1))).not.toBeNull();
    await db().user.update({ where: { id: user.id }, data: { active: false } });
    expect(await accountOfSessionToken(renewed, later(1))).toBeNull();
  });
});
