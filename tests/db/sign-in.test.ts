import { TOTP, Secret } from "otpauth";
import { describe, expect, it } from "vitest";
import { encryptSecret, hashRecoveryCode } from "../../server/auth/second-factor";
import { db } from "../../server/db/client";
import { checkSignIn, findActiveAccount } from "../../server/users";
import { createUser } from "../factories";

process.env.TOTP_ENCRYPTION_KEY = "sign-in-test-key";
// The default requirement (admins and managers), whatever the shell running the tests says.
delete process.env.TOTP_REQUIRED_ROLES;

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
    expect(await checkSignIn({ email: user.email.toUpperCase(), password })).toEqual({ outcome: "signedIn", user: { id: user.id, sessionVersion: 0 } });
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
    expect((await findActiveAccount(user.id, 0))?.actor.roles).toEqual(["manager", "reviewer"]);
    await db().user.update({ where: { id: user.id }, data: { roles: ["reviewer"] } });
    expect((await findActiveAccount(user.id, 0))?.actor.roles).toEqual(["reviewer"]);
    await db().user.update({ where: { id: user.id }, data: { active: false } });
    expect(await findActiveAccount(user.id, 0)).toBeNull();
  });

  it("ends sessions issued before the account's session version was raised", async () => {
    const user = await createUser({ roles: ["staff"] });
    await db().user.update({ where: { id: user.id }, data: { sessionVersion: 1 } });
    expect(await findActiveAccount(user.id, 0)).toBeNull();
    expect(await findActiveAccount(user.id, 1)).not.toBeNull();
  });
});

describe("signing in with a second factor", () => {
  it("grants nothing for the password alone, and signs in with the current code", async () => {
    const { user, secret } = await userWithSecondFactor();
    expect(await checkSignIn({ email: user.email, password }, now)).toEqual({ outcome: "secondFactorRequired" });
    expect(await checkSignIn({ email: user.email, password, code: codeAt(secret, now) }, now)).toEqual({ outcome: "signedIn", user: { id: user.id, sessionVersion: 0 } });
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
    expect(await findActiveAccount(admin.id, 0)).toMatchObject({ secondFactorEnrolled: false, mustEnrolSecondFactor: true });
    expect(await findActiveAccount(reviewer.id, 0)).toMatchObject({ secondFactorEnrolled: false, mustEnrolSecondFactor: false });
    const { user: enrolledAdmin } = await userWithSecondFactor(["admin"]);
    expect(await findActiveAccount(enrolledAdmin.id, 0)).toMatchObject({ secondFactorEnrolled: true, mustEnrolSecondFactor: false });
  });
});
