import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { sessionLimits, sessionStanding } from "../../server/auth/session-limits";
import { deviceOf, endMySession, endSignedOutSession, listMySessions } from "../../server/auth/sessions";
import { db } from "../../server/db/client";
import { NotFoundError, ValidationError } from "../../server/errors";
import { checkSignIn, checkSingleSignOn } from "../../server/users";
import { actorOf, createSession, createUser } from "../factories";

const secret = "sessions-test-secret";
process.env.NEXTAUTH_SECRET = secret;
delete process.env.SESSION_IDLE_MINUTES;
delete process.env.SESSION_MAX_HOURS;
delete process.env.TOTP_REQUIRED_ROLES;
const { accountOfSessionToken, renewedClaims } = await import("../../server/session");

// Every time below is on this injected clock: nothing waits, nothing reads the wall clock.
const signIn = new Date("2026-03-02T08:00:00Z");
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const later = (minutes: number, from = signIn) => new Date(from.getTime() + minutes * 60_000);

interface Claims {
  sub: string;
  sid: string;
  sessionVersion?: number;
  method?: "password" | "sso";
  signedInAt?: Date;
  lastSeenAt?: Date;
}

/** What a session token carries, as server/session.ts writes it. */
const claimsOf = (claims: Claims) => ({
  sub: claims.sub,
  sid: claims.sid,
  sessionVersion: claims.sessionVersion ?? 0,
  ...(claims.method ? { method: claims.method } : {}),
  signedInAt: seconds(claims.signedInAt ?? signIn),
  lastSeenAt: seconds(claims.lastSeenAt ?? claims.signedInAt ?? signIn),
});

/** A session token as next-auth writes it for server/session.ts (its exp far off, so only the claims decide). */
const encoded = (token: ReturnType<typeof claimsOf>, tokenSecret = secret) => encode({ secret: tokenSecret, maxAge: 30 * 24 * 3600, token });
const tokenOf = (claims: Claims, tokenSecret = secret) => encoded(claimsOf(claims), tokenSecret);

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
    const session = await createSession(manager.id, { startedAt: signIn });
    expect(await accountOfSessionToken(await tokenOf(session), later(1))).toMatchObject({ mustEnrolSecondFactor: true });
    expect(await accountOfSessionToken(await tokenOf({ ...session, method: "password" }), later(1))).toMatchObject({ mustEnrolSecondFactor: true });
    expect(await accountOfSessionToken(await tokenOf({ ...session, method: "sso" }), later(1))).toMatchObject({ mustEnrolSecondFactor: false });
  });

  it("is found while the session is live and no longer once it is idle or past 12 hours", async () => {
    const user = await createUser({ roles: ["reviewer"] });
    const session = await createSession(user.id, { startedAt: signIn });
    const token = await tokenOf(session);
    expect((await accountOfSessionToken(token, later(29)))?.actor.id).toBe(user.id);
    expect(await accountOfSessionToken(token, later(30))).toBeNull();

    const active = await tokenOf({ ...session, lastSeenAt: later(11 * 60 + 50) });
    expect((await accountOfSessionToken(active, later(11 * 60 + 59)))?.actor.id).toBe(user.id);
    expect(await accountOfSessionToken(active, later(12 * 60))).toBeNull();
  });

  it("is not found for a token signed with another secret, a token without its times, or no token", async () => {
    const user = await createUser({ roles: ["reviewer"] });
    const session = await createSession(user.id, { startedAt: signIn });
    expect(await accountOfSessionToken(await tokenOf(session, "another-secret"), later(1))).toBeNull();
    const withoutTimes = await encode({ secret, token: { sub: user.id, sid: session.sid, sessionVersion: 0 } });
    expect(await accountOfSessionToken(withoutTimes, later(1))).toBeNull();
    expect(await accountOfSessionToken(undefined, later(1))).toBeNull();
  });

  it("is not found for a well-signed token whose session has no record, or another account's", async () => {
    const user = await createUser({ roles: ["reviewer"] });
    const someoneElse = await createSession((await createUser({ roles: ["reviewer"] })).id, { startedAt: signIn });
    expect(await accountOfSessionToken(await tokenOf({ sub: user.id, sid: "never-recorded" }), later(1))).toBeNull();
    expect(await accountOfSessionToken(await tokenOf({ sub: user.id, sid: someoneElse.sid }), later(1))).toBeNull();
  });

  it("is not found once the account's sessions were ended or it was deactivated", async () => {
    const user = await createUser({ roles: ["staff"] });
    const token = await tokenOf(await createSession(user.id, { startedAt: signIn }));
    await db().user.update({ where: { id: user.id }, data: { sessionVersion: 1 } });
    expect(await accountOfSessionToken(token, later(1))).toBeNull();
    const signedInAgain = await tokenOf(await createSession(user.id, { startedAt: signIn }));
    expect(await accountOfSessionToken(signedInAgain, later(1))).not.toBeNull();
    await db().user.update({ where: { id: user.id }, data: { active: false } });
    expect(await accountOfSessionToken(signedInAgain, later(1))).toBeNull();
  });
});

describe("a session whose record has ended", () => {
  it("is refused for a token of it, however valid its signature, and is not renewed, while the account's other sessions go on", async () => {
    const user = await createUser({ roles: ["reviewer"] });
    const ended = await createSession(user.id, { startedAt: signIn });
    const other = await createSession(user.id, { startedAt: signIn });
    const token = await tokenOf(ended);
    await db().session.update({ where: { id: ended.sid }, data: { endedAt: later(1) } });
    expect(await accountOfSessionToken(token, later(2))).toBeNull();
    expect(await renewedClaims(claimsOf(ended), later(2))).toBeNull();
    expect((await accountOfSessionToken(await tokenOf(other), later(2)))?.actor.id).toBe(user.id);
    expect(await renewedClaims(claimsOf(other), later(2))).not.toBeNull();
  });

  it("is refused after signing out, the sign-out audited once however often it comes", async () => {
    const user = await createUser({ roles: ["staff"], password: "correct horse battery" });
    const signedIn = await checkSignIn({ email: user.email, password: "correct horse battery" }, signIn);
    if (signedIn.outcome !== "signedIn") throw new Error("the sign-in should go through");
    const session = { sub: user.id, sid: signedIn.sessionId };
    const token = await tokenOf(session);
    expect((await accountOfSessionToken(token, later(1)))?.actor.id).toBe(user.id);

    await endSignedOutSession(session, later(2));
    await endSignedOutSession(session, later(3));
    expect(await accountOfSessionToken(token, later(4))).toBeNull();
    expect(await renewedClaims(claimsOf(session), later(4))).toBeNull();
    expect((await db().session.findUniqueOrThrow({ where: { id: session.sid } })).endedAt).toEqual(later(2));
    const signOuts = await db().auditEvent.findMany({ where: { entityId: user.id, action: "user.signOut" }, select: { actorId: true, after: true } });
    expect(signOuts).toEqual([{ actorId: user.id, after: { sessionId: session.sid } }]);
  });

  it("is not ended by a sign-out that names another account", async () => {
    const user = await createUser({ roles: ["staff"] });
    const session = await createSession(user.id, { startedAt: signIn });
    await endSignedOutSession({ sub: (await createUser({ roles: ["staff"] })).id, sid: session.sid }, later(1));
    expect(await accountOfSessionToken(await tokenOf(session), later(2))).not.toBeNull();
  });
});

describe("renewing a session (GET /api/auth/session)", () => {
  it("moves only the last-seen time: idle time counts from the renewal, the absolute limit from sign-in", async () => {
    const user = await createUser({ roles: ["reviewer"] });
    const session = await createSession(user.id, { startedAt: signIn });
    let claims = claimsOf(session);
    // Renewed every 25 minutes, the session outlives many idle limits, but not 12 hours from sign-in.
    for (let minute = 25; minute < 12 * 60; minute += 25) {
      claims = (await renewedClaims(claims, later(minute)))!;
      expect(claims).toEqual({ ...claimsOf(session), method: "password", lastSeenAt: seconds(later(minute)) });
    }
    const lastRenewal = later(700);
    expect((await accountOfSessionToken(await encoded(claims), later(719)))?.actor.id).toBe(user.id);
    expect(await accountOfSessionToken(await encoded(claims), later(720))).toBeNull();
    expect(await renewedClaims(claims, later(720))).toBeNull();
    expect(claims.lastSeenAt).toBe(seconds(lastRenewal));
  });

  it("counts the idle limit from the last renewal, and refuses to renew a session idle past it", async () => {
    const user = await createUser({ roles: ["reviewer"] });
    const session = await createSession(user.id, { startedAt: signIn });
    const renewed = (await renewedClaims(claimsOf(session), later(29)))!;
    expect((await accountOfSessionToken(await encoded(renewed), later(58)))?.actor.id).toBe(user.id);
    expect(await accountOfSessionToken(await encoded(renewed), later(59))).toBeNull();
    expect(await renewedClaims(renewed, later(59))).toBeNull();
    expect(await renewedClaims(claimsOf(session), later(30))).toBeNull();
    expect(await renewedClaims({ sub: user.id, sid: session.sid, sessionVersion: 0 }, later(1))).toBeNull();
  });

  it("writes the session's last-seen time at most once a minute", async () => {
    const user = await createUser({ roles: ["reviewer"] });
    const session = await createSession(user.id, { startedAt: signIn });
    const lastSeen = async () => (await db().session.findUniqueOrThrow({ where: { id: session.sid } })).lastSeenAt;
    await renewedClaims(claimsOf(session), later(1));
    expect(await lastSeen()).toEqual(later(1));
    await renewedClaims(claimsOf(session), later(1.5));
    expect(await lastSeen()).toEqual(later(1));
    await renewedClaims(claimsOf(session), later(2));
    expect(await lastSeen()).toEqual(later(2));
  });
});

describe("the record of a session", () => {
  const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

  it("starts at sign-in with the browser's User-Agent, named in the sign-in's audit event, and drops records past the absolute limit", async () => {
    const password = "correct horse battery";
    const user = await createUser({ roles: ["staff"], password });
    const expired = await createSession(user.id, { startedAt: later(-12 * 60 - 1) });
    const recent = await createSession(user.id, { startedAt: later(-11 * 60) });
    const result = await checkSignIn({ email: user.email, password }, signIn, "203.0.113.7", firefox);
    if (result.outcome !== "signedIn") throw new Error("the sign-in should go through");

    expect(await db().session.findUnique({ where: { id: result.sessionId } })).toMatchObject({
      userId: user.id,
      startedAt: signIn,
      lastSeenAt: signIn,
      endedAt: null,
      userAgent: firefox,
    });
    const event = await db().auditEvent.findFirstOrThrow({ where: { entityId: user.id, action: "user.signIn" } });
    expect(event.after).toEqual({ method: "password", address: "203.0.113.7", sessionId: result.sessionId });
    expect(await db().session.findUnique({ where: { id: expired.sid } })).toBeNull();
    expect(await db().session.findUnique({ where: { id: recent.sid } })).not.toBeNull();
  });

  it("starts at a single sign-on too", async () => {
    const user = await createUser({ roles: ["reviewer"] });
    const result = await checkSingleSignOn({ sub: "person-1", email: user.email, email_verified: true }, "https://id.example.org", null, firefox, signIn);
    if (result.outcome !== "signedIn") throw new Error("the sign-in should go through");
    expect(await db().session.findUnique({ where: { id: result.sessionId } })).toMatchObject({ userId: user.id, startedAt: signIn, userAgent: firefox });
  });

  it("is ended from the profile by its owner only, audited", async () => {
    const user = await createUser({ roles: ["reviewer"] });
    const session = await createSession(user.id, { startedAt: signIn });
    const stranger = actorOf(await createUser({ roles: ["admin"] }));
    await expect(endMySession(stranger, { sessionId: session.sid }, later(1))).rejects.toBeInstanceOf(NotFoundError);
    await expect(endMySession(actorOf(user), {}, later(1))).rejects.toBeInstanceOf(ValidationError);
    expect(await accountOfSessionToken(await tokenOf(session), later(2))).not.toBeNull();

    await endMySession(actorOf(user), { sessionId: session.sid }, later(3));
    expect(await accountOfSessionToken(await tokenOf(session), later(4))).toBeNull();
    await expect(endMySession(actorOf(user), { sessionId: session.sid }, later(5))).rejects.toBeInstanceOf(NotFoundError);
    const ends = await db().auditEvent.findMany({ where: { action: "user.session.end", entityId: user.id }, select: { actorId: true, after: true } });
    expect(ends).toEqual([{ actorId: user.id, after: { sessionId: session.sid } }]);
  });

  it("is listed on the owner's profile while it may be live, most recently seen first, this one marked and each device named", async () => {
    const user = await createUser({ roles: ["reviewer"] });
    const now = later(13 * 60);
    const ago = (minutes: number) => later(-minutes, now);
    const chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
    const seen = async (session: { sid: string }, lastSeenAt: Date) => db().session.update({ where: { id: session.sid }, data: { lastSeenAt } });
    const busy = await createSession(user.id, { startedAt: ago(60), userAgent: chrome });
    await seen(busy, ago(2));
    const current = await createSession(user.id, { startedAt: ago(10), userAgent: firefox });
    // The recorded last-seen time lags the token's by up to a minute: not yet idle by it.
    const quiet = await createSession(user.id, { startedAt: ago(40) });
    await seen(quiet, ago(30.5));
    const idle = await createSession(user.id, { startedAt: ago(40) });
    await seen(idle, ago(31.5));
    const tooOld = await createSession(user.id, { startedAt: ago(12 * 60 + 1) });
    await seen(tooOld, ago(1));
    const ended = await createSession(user.id, { startedAt: ago(5) });
    await db().session.update({ where: { id: ended.sid }, data: { endedAt: ago(1) } });
    await createSession((await createUser({ roles: ["reviewer"] })).id, { startedAt: ago(5) });

    expect(await listMySessions(actorOf(user), current.sid, now)).toEqual([
      { id: busy.sid, startedAt: ago(60), lastSeenAt: ago(2), device: { browser: "Chrome", system: "Windows" }, current: false },
      { id: current.sid, startedAt: ago(10), lastSeenAt: ago(10), device: { browser: "Firefox", system: "Linux" }, current: true },
      { id: quiet.sid, startedAt: ago(40), lastSeenAt: ago(30.5), device: { browser: null, system: null }, current: false },
    ]);
  });

  it("names the device by the browser and system its User-Agent says, and nothing else of it", () => {
    const cases: [string | null, { browser: string | null; system: string | null }][] = [
      ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0", { browser: "Edge", system: "Windows" }],
      [firefox, { browser: "Firefox", system: "Linux" }],
      ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", { browser: "Safari", system: "iOS" }],
      ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", { browser: "Safari", system: "macOS" }],
      ["Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36", { browser: "Chrome", system: "Android" }],
      ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36", { browser: "Chrome", system: "Linux" }],
      ["curl/8.5.0", { browser: null, system: null }],
      ['<img src=x onerror="alert(1)"> Windows', { browser: null, system: "Windows" }],
      [null, { browser: null, system: null }],
    ];
    for (const [userAgent, device] of cases) expect(deviceOf(userAgent), String(userAgent)).toEqual(device);
  });
});
