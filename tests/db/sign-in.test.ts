import { TOTP, Secret } from "otpauth";
import { describe, expect, it } from "vitest";
import { encryptSecret, hashRecoveryCode } from "../../server/auth/second-factor";
import { db } from "../../server/db/client";
import { signInLimits } from "../../server/auth/sign-in-limits";
import { checkSignIn, checkSingleSignOn, findActiveAccount } from "../../server/users";
import { createSession, createUser } from "../factories";

process.env.TOTP_ENCRYPTION_KEY = "sign-in-test-key";
// The default requirement (admins and managers) and limits, whatever the shell running the tests says.
delete process.env.TOTP_REQUIRED_ROLES;
delete process.env.SIGN_IN_MAX_FAILURES_PER_ACCOUNT;
delete process.env.SIGN_IN_MAX_FAILURES_PER_ADDRESS;
delete process.env.SIGN_IN_LIMIT_MINUTES;

const password = "correct horse battery";
const now = new Date("2026-03-02T10:00:00Z");
const codeAt = (secret: string, at: Date) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });

/** A user whose TOTP second factor is on, with one recovery code. */
async function userWithSecondFactor(roles: ("staff" | "admin")[] = ["staff"]) {
  const user = await createUser({ roles, password });
  const secret = new Secret({ size: 20 }).base32;
  await db().secondFactor.create({ data: { userId: user.id, secret: encryptSecret(secret), confirmedAt: now } });
  await db().recoveryCode.create({ data: { userId: user.id, codeHash: hashRecoveryCode("ABCD-EFGH-JKMN") } });
  return { user, secret };
}

describe("sign-in and the account behind a session", () => {
  it("accepts the right email and password, whatever the email's case", async () => {
    const user = await createUser({ roles: ["staff"], password });
    expect(await checkSignIn({ email: user.email.toUpperCase(), password })).toEqual({ outcome: "signedIn", user: { id: user.id, sessionVersion: 0 }, sessionId: expect.any(String) });
  });

  it("answers a wrong password and an unknown email alike", async () => {
    const user = await createUser({ roles: ["staff"], password });
    expect(await checkSignIn({ email: user.email, password: "wrong" })).toEqual({ outcome: "rejected" });
    expect(await checkSignIn({ email: "nobody@test.local", password })).toEqual({ outcome: "rejected" });
    expect(await checkSignIn({ email: "not an email", password: "x" })).toEqual({ outcome: "rejected" });
    expect(await checkSignIn(undefined)).toEqual({ outcome: "rejected" });
  });

  it("refuses a deactivated account", async () => {
    const user = await createUser({ roles: ["staff"], password, active: false });
    expect(await checkSignIn({ email: user.email, password })).toEqual({ outcome: "rejected" });
  });

  it("reads roles afresh on every request, so a role taken away takes effect at once", async () => {
    const user = await createUser({ roles: ["manager", "reviewer"] });
    const session = await createSession(user.id);
    expect((await findActiveAccount(session))?.actor.roles).toEqual(["manager", "reviewer"]);
    await db().user.update({ where: { id: user.id }, data: { roles: ["reviewer"] } });
    expect((await findActiveAccount(session))?.actor.roles).toEqual(["reviewer"]);
    await db().user.update({ where: { id: user.id }, data: { active: false } });
    expect(await findActiveAccount(session)).toBeNull();
  });

  it("ends sessions issued before the account's session version was raised", async () => {
    const user = await createUser({ roles: ["staff"] });
    const before = await createSession(user.id);
    await db().user.update({ where: { id: user.id }, data: { sessionVersion: 1 } });
    expect(await findActiveAccount(before)).toBeNull();
    expect(await findActiveAccount({ ...before, sessionVersion: 1 })).not.toBeNull();
  });
});

describe("signing in with a second factor", () => {
  it("grants nothing for the password alone, and signs in with the current code", async () => {
    const { user, secret } = await userWithSecondFactor();
    expect(await checkSignIn({ email: user.email, password }, now)).toEqual({ outcome: "secondFactorRequired" });
    expect(await checkSignIn({ email: user.email, password, code: codeAt(secret, now) }, now)).toEqual({ outcome: "signedIn", user: { id: user.id, sessionVersion: 0 }, sessionId: expect.any(String) });
  });

  it("never asks a wrong password for the code, so the code step tells nothing about a guessed password", async () => {
    const { user, secret } = await userWithSecondFactor();
    expect(await checkSignIn({ email: user.email, password: "wrong", code: codeAt(secret, now) }, now)).toEqual({ outcome: "rejected" });
  });

  it("refuses a wrong code, an old code and the same code twice", async () => {
    const { user, secret } = await userWithSecondFactor();
    const wrong = codeAt(secret, now) === "000000" ? "111111" : "000000";
    expect(await checkSignIn({ email: user.email, password, code: wrong }, now)).toEqual({ outcome: "secondFactorRejected" });
    const tenMinutesAgo = new Date(now.getTime() - 10 * 60_000);
    expect(await checkSignIn({ email: user.email, password, code: codeAt(secret, tenMinutesAgo) }, now)).toEqual({ outcome: "secondFactorRejected" });
    const code = codeAt(secret, now);
    expect((await checkSignIn({ email: user.email, password, code }, now)).outcome).toBe("signedIn");
    expect(await checkSignIn({ email: user.email, password, code }, now)).toEqual({ outcome: "secondFactorRejected" });
  });

  it("accepts a recovery code once, in any case and spacing, with an audit event", async () => {
    const { user } = await userWithSecondFactor();
    expect((await checkSignIn({ email: user.email, password, code: "abcd efgh jkmn" }, now)).outcome).toBe("signedIn");
    expect(await checkSignIn({ email: user.email, password, code: "ABCD-EFGH-JKMN" }, now)).toEqual({ outcome: "secondFactorRejected" });
    expect(await db().auditEvent.count({ where: { entityId: user.id, action: "user.recoveryCode.use" } })).toBe(1);
  });

  it("tells a person whose secret the key in force cannot read (a restore under another key) so, audited, and still takes a recovery code", async () => {
    const user = await createUser({ roles: ["staff"], password });
    const secret = new Secret({ size: 20 }).base32;
    process.env.TOTP_ENCRYPTION_KEY = "the-key-before-the-restore";
    const sealed = encryptSecret(secret);
    process.env.TOTP_ENCRYPTION_KEY = "sign-in-test-key";
    await db().secondFactor.create({ data: { userId: user.id, secret: sealed, confirmedAt: now } });
    await db().recoveryCode.create({ data: { userId: user.id, codeHash: hashRecoveryCode("ABCD-EFGH-JKMN") } });

    expect(await checkSignIn({ email: user.email, password, code: codeAt(secret, now) }, now)).toEqual({ outcome: "secondFactorUnreadable" });
    const [event] = await db().auditEvent.findMany({ where: { entityId: user.email, action: "user.signIn.fail" } });
    expect(event?.after).toMatchObject({ reason: "secondFactorUnreadable" });
    expect((await checkSignIn({ email: user.email, password, code: "ABCD-EFGH-JKMN" }, now)).outcome).toBe("signedIn");
  });

  it("ignores a second factor still awaiting its first code", async () => {
    const user = await createUser({ roles: ["staff"], password });
    await db().secondFactor.create({ data: { userId: user.id, secret: encryptSecret(new Secret({ size: 20 }).base32) } });
    expect((await checkSignIn({ email: user.email, password }, now)).outcome).toBe("signedIn");
  });
});

describe("the second factor a role requires", () => {
  it("holds an admin or manager without one to the enrolment, by default", async () => {
    const admin = await createUser({ roles: ["admin"] });
    const reviewer = await createUser({ roles: ["reviewer"] });
    expect(await findActiveAccount(await createSession(admin.id))).toMatchObject({ secondFactorEnrolled: false, mustEnrolSecondFactor: true });
    expect(await findActiveAccount(await createSession(reviewer.id))).toMatchObject({ secondFactorEnrolled: false, mustEnrolSecondFactor: false });
    const { user: enrolledAdmin } = await userWithSecondFactor(["admin"]);
    expect(await findActiveAccount(await createSession(enrolledAdmin.id))).toMatchObject({ secondFactorEnrolled: true, mustEnrolSecondFactor: false });
  });
});

describe("limits on failed sign-ins", () => {
  const seconds = (count: number, from = now) => new Date(from.getTime() + count * 1000);
  let lastAddress = 0;
  /** An address of this test's own, so that no other test's attempts count against it. */
  const newAddress = () => `198.51.100.${++lastAddress}`;

  it("reads 5 failures per account and 20 per address in 15 minutes by default, each configurable", () => {
    expect(signInLimits({})).toEqual({ perAccount: 5, perAddress: 20, windowSeconds: 900 });
    expect(signInLimits({ SIGN_IN_MAX_FAILURES_PER_ACCOUNT: "3", SIGN_IN_MAX_FAILURES_PER_ADDRESS: "50", SIGN_IN_LIMIT_MINUTES: "60" })).toEqual({
      perAccount: 3,
      perAddress: 50,
      windowSeconds: 3600,
    });
    expect(() => signInLimits({ SIGN_IN_MAX_FAILURES_PER_ACCOUNT: "0" })).toThrow(/SIGN_IN_MAX_FAILURES_PER_ACCOUNT/);
    expect(() => signInLimits({ SIGN_IN_LIMIT_MINUTES: "soon" })).toThrow(/SIGN_IN_LIMIT_MINUTES/);
  });

  it("refuses even the right password after 5 failures for an account, until the fifth most recent leaves the window", async () => {
    const user = await createUser({ roles: ["staff"], password });
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await checkSignIn({ email: user.email, password: "wrong guess" }, seconds(attempt * 60), newAddress())).toEqual({ outcome: "rejected" });
    }
    // Failures at 0, 1, 2, 3 and 4 minutes: the one at 0 leaves the 15-minute window at 15 minutes.
    expect(await checkSignIn({ email: user.email, password }, seconds(5 * 60), newAddress())).toEqual({ outcome: "limited", retryAfterSeconds: 600 });
    expect(await checkSignIn({ email: user.email.toUpperCase(), password }, seconds(15 * 60 - 1), newAddress())).toEqual({ outcome: "limited", retryAfterSeconds: 1 });
    expect((await checkSignIn({ email: user.email, password }, seconds(15 * 60), newAddress())).outcome).toBe("signedIn");
  });

  it("starts an account's count afresh after a sign-in", async () => {
    const user = await createUser({ roles: ["staff"], password });
    const address = newAddress();
    for (let attempt = 0; attempt < 4; attempt++) await checkSignIn({ email: user.email, password: "wrong guess" }, seconds(attempt), address);
    expect((await checkSignIn({ email: user.email, password }, seconds(10), address)).outcome).toBe("signedIn");
    for (let attempt = 0; attempt < 4; attempt++) await checkSignIn({ email: user.email, password: "wrong guess" }, seconds(20 + attempt), address);
    expect((await checkSignIn({ email: user.email, password }, seconds(30), address)).outcome).toBe("signedIn");
  });

  it("counts unknown emails too, so that guessing which accounts exist is limited alike", async () => {
    const email = `nobody-${Date.now()}@test.local`;
    for (let attempt = 0; attempt < 5; attempt++) await checkSignIn({ email, password: "wrong guess" }, seconds(attempt), newAddress());
    expect(await checkSignIn({ email, password: "wrong guess" }, seconds(10), newAddress())).toEqual({ outcome: "limited", retryAfterSeconds: 890 });
  });

  it("refuses every account from an address after 20 failures from it, and no other address", async () => {
    const address = newAddress();
    for (let attempt = 0; attempt < 20; attempt++) {
      const guessed = await createUser({ roles: ["staff"], password });
      await checkSignIn({ email: guessed.email, password: "wrong guess" }, seconds(attempt), address);
    }
    const user = await createUser({ roles: ["staff"], password });
    expect(await checkSignIn({ email: user.email, password }, seconds(60), address)).toEqual({ outcome: "limited", retryAfterSeconds: 840 });
    expect((await checkSignIn({ email: user.email, password }, seconds(60), newAddress())).outcome).toBe("signedIn");
  });

  it("counts wrong second-factor codes, so that a known password does not open unlimited guessing of codes", async () => {
    const { user, secret } = await userWithSecondFactor();
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await checkSignIn({ email: user.email, password, code: "000000" === codeAt(secret, now) ? "111111" : "000000" }, now, newAddress())).toEqual({
        outcome: "secondFactorRejected",
      });
    }
    expect((await checkSignIn({ email: user.email, password, code: codeAt(secret, now) }, now, newAddress())).outcome).toBe("limited");
  });

  it("holds attempts sent together to the limit: of 12 at once, 5 are checked and 7 refused", async () => {
    const user = await createUser({ roles: ["staff"], password });
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => checkSignIn({ email: user.email, password: "wrong guess" }, now, newAddress())));
    expect(outcomes.filter((answer) => answer.outcome === "rejected")).toHaveLength(5);
    expect(outcomes.filter((answer) => answer.outcome === "limited")).toHaveLength(7);
  });

  it("records sign-ins, failed sign-ins with their reason and refused attempts as audit events", async () => {
    const user = await createUser({ roles: ["staff"], password });
    const inactive = await createUser({ roles: ["staff"], password, active: false });
    const address = newAddress();
    await checkSignIn({ email: user.email, password }, now, address);
    await checkSignIn({ email: inactive.email, password }, now, address);
    for (let attempt = 0; attempt < 5; attempt++) await checkSignIn({ email: user.email, password: "wrong guess" }, seconds(1 + attempt), address);
    await checkSignIn({ email: user.email, password }, seconds(10), address);

    const events = await db().auditEvent.findMany({
      where: { OR: [{ entityId: { in: [user.email, inactive.email] } }, { entityId: user.id, action: "user.signIn" }] },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      select: { action: true, actorId: true, entityType: true, entityId: true, after: true },
    });
    expect(events.map((event) => [event.action, (event.after as { reason?: string }).reason ?? null])).toEqual([
      ["user.signIn", null],
      ["user.signIn.fail", "inactive"],
      ...Array.from({ length: 5 }, () => ["user.signIn.fail", "password"]),
      ["user.signIn.limit", null],
    ]);
    expect(events[0]).toMatchObject({ actorId: user.id, entityType: "User", entityId: user.id, after: { method: "password", address } });
    expect(events.at(-1)).toMatchObject({ actorId: null, entityType: "SignIn", entityId: user.email, after: { address, retryAfterSeconds: 891 } });
  });
});

describe("signing in through the OpenID Connect provider", () => {
  const issuer = "https://id.example.org";

  it("signs in the active account with the email the provider verified, whatever its case, and audits it", async () => {
    const user = await createUser({ roles: ["reviewer"] });
    expect(await checkSingleSignOn({ sub: "person-1", email: user.email.toUpperCase(), email_verified: true }, issuer, "203.0.113.9")).toEqual({
      outcome: "signedIn",
      user: { id: user.id, sessionVersion: 0 },
      sessionId: expect.any(String),
    });
    // Some providers send the flag as a string.
    expect((await checkSingleSignOn({ sub: "person-1", email: user.email, email_verified: "true" }, issuer)).outcome).toBe("signedIn");
    const event = await db().auditEvent.findFirstOrThrow({ where: { entityId: user.id, action: "user.signIn" }, orderBy: { at: "asc" } });
    expect(event).toMatchObject({ actorId: user.id, after: { method: "sso", issuer, subject: "person-1", address: "203.0.113.9" } });
  });

  it("refuses an email the provider did not verify, or none, even when an account has it", async () => {
    const user = await createUser({ roles: ["reviewer"] });
    for (const claims of [
      { sub: "person-2", email: user.email },
      { sub: "person-2", email: user.email, email_verified: false },
      { sub: "person-2", email: user.email, email_verified: "yes" },
      { sub: "person-2", email_verified: true },
      { email: user.email, email_verified: true },
    ]) {
      expect(await checkSingleSignOn(claims, issuer)).toEqual({ outcome: "unverifiedEmail" });
    }
  });

  it("refuses a verified email that no active account has, with a failed sign-in in the audit trail", async () => {
    const inactive = await createUser({ roles: ["reviewer"], active: false });
    expect(await checkSingleSignOn({ sub: "person-3", email: inactive.email, email_verified: true }, issuer)).toEqual({ outcome: "noAccount" });
    expect(await checkSingleSignOn({ sub: "person-4", email: "stranger@elsewhere.example", email_verified: true }, issuer)).toEqual({ outcome: "noAccount" });
    const reasons = await db().auditEvent.findMany({
      where: { action: "user.signIn.fail", entityId: { in: [inactive.email, "stranger@elsewhere.example"] } },
      select: { after: true },
    });
    expect(reasons.map((event) => (event.after as { reason: string }).reason).sort()).toEqual(["inactive", "unknownAccount"]);
  });

  it("leaves the second factor to the provider: a role that requires one is not held to enrolment after single sign-on", async () => {
    const manager = await createUser({ roles: ["manager"] });
    const session = await createSession(manager.id);
    expect(await findActiveAccount({ ...session, method: "password" })).toMatchObject({ mustEnrolSecondFactor: true });
    expect(await findActiveAccount({ ...session, method: "sso" })).toMatchObject({ mustEnrolSecondFactor: false });
  });
});
