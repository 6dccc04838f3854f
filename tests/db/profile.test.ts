import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../server/auth/password";
import { hashRecoveryCode } from "../../server/auth/second-factor";
import { db } from "../../server/db/client";
import { ValidationError } from "../../server/errors";
import { changePassword, confirmSecondFactor, endAllMySessions, getProfile, removeSecondFactor, startSecondFactorEnrolment } from "../../server/profile";
import { checkSignIn, findActiveAccount } from "../../server/users";
import { actorOf, createSession, createUser } from "../factories";

process.env.TOTP_ENCRYPTION_KEY = "profile-test-key";

const password = "correct horse battery";
const now = new Date("2026-03-02T10:00:00Z");
const codeAt = (secret: string, at: Date) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });

async function fieldErrorsOf(write: Promise<unknown>) {
  const error = await write.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** A user who has started the setup and read the secret off the profile page. */
async function startedEnrolment() {
  const user = await createUser({ roles: ["reviewer"], password });
  const actor = actorOf(user);
  await startSecondFactorEnrolment(actor);
  const { pending } = await getProfile(actor);
  return { user, actor, secret: pending!.secret, uri: pending!.uri, qrSvg: pending!.qrSvg };
}

describe("changing one's password", () => {
  it("needs the current password and a new one that passes the rules, and ends every session", async () => {
    const user = await createUser({ roles: ["staff"], password });
    const actor = actorOf(user);
    const session = await createSession(user.id);
    const newPassword = "violet harbour 1987 kite";
    expect(await fieldErrorsOf(changePassword(actor, { currentPassword: "wrong", newPassword, confirmPassword: newPassword }))).toEqual({
      currentPassword: [{ code: "wrongPassword" }],
    });
    expect(await fieldErrorsOf(changePassword(actor, { currentPassword: password, newPassword: "Qwerty123456", confirmPassword: "Qwerty123456" }))).toEqual({
      newPassword: [{ code: "passwordTooCommon" }],
    });
    expect(await fieldErrorsOf(changePassword(actor, { currentPassword: password, newPassword, confirmPassword: "something else" }))).toEqual({
      confirmPassword: [{ code: "passwordMismatch" }],
    });
    expect(await db().auditEvent.count({ where: { entityId: user.id } })).toBe(0);

    await changePassword(actor, { currentPassword: password, newPassword, confirmPassword: newPassword });
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(await verifyPassword(stored.passwordHash!, newPassword)).toBe(true);
    expect(await findActiveAccount(session)).toBeNull();
    expect(await findActiveAccount({ ...session, sessionVersion: 1 })).toBeNull();
    expect(await db().auditEvent.count({ where: { entityId: user.id, action: "user.password.change" } })).toBe(1);
  });
});

describe("signing out everywhere", () => {
  it("ends every session of one's account, audited", async () => {
    const user = await createUser({ roles: ["staff"] });
    const sessions = [await createSession(user.id), await createSession(user.id)];
    await endAllMySessions(actorOf(user));
    for (const session of sessions) {
      expect(await findActiveAccount(session)).toBeNull();
      // Ended on the server: the record refuses the session whatever version its token names.
      expect(await findActiveAccount({ ...session, sessionVersion: 1 })).toBeNull();
    }
    expect(await findActiveAccount(await createSession(user.id))).not.toBeNull();
    expect(await db().auditEvent.count({ where: { entityId: user.id, action: "user.sessions.end" } })).toBe(1);
  });
});

describe("setting up the second factor", () => {
  it("shows the secret as text and as a QR code until it is confirmed, stored encrypted", async () => {
    const { user, secret, uri, qrSvg } = await startedEnrolment();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain(encodeURIComponent(user.email));
    expect(qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const stored = await db().secondFactor.findUniqueOrThrow({ where: { userId: user.id } });
    expect(stored.secret).not.toContain(secret);
    expect(stored.confirmedAt).toBeNull();
  });

  it("turns on with a first correct code, answers ten recovery codes once and never shows the secret again", async () => {
    const { user, actor, secret } = await startedEnrolment();
    expect(await fieldErrorsOf(confirmSecondFactor(actor, { code: "12345" }, now))).toEqual({ code: [{ code: "codeRejected" }] });
    expect((await getProfile(actor)).secondFactorEnrolled).toBe(false);

    const recoveryCodes = await confirmSecondFactor(actor, { code: codeAt(secret, now) }, now);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const stored = await db().recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored.map((row) => row.codeHash).sort()).toEqual(recoveryCodes.map(hashRecoveryCode).sort());

    expect(await getProfile(actor)).toMatchObject({ secondFactorEnrolled: true, recoveryCodesLeft: 10, pending: null });
    await expect(startSecondFactorEnrolment(actor)).rejects.toMatchObject({ reason: "secondFactorEnrolled" });
    expect(await db().auditEvent.count({ where: { entityId: user.id, action: "user.secondFactor.enable" } })).toBe(1);

    // The code that confirmed the setup does not sign in a second time.
    expect(await checkSignIn({ email: user.email, password, code: codeAt(secret, now) }, now)).toEqual({ outcome: "secondFactorRejected" });
    expect((await checkSignIn({ email: user.email, password, code: recoveryCodes[0] }, now)).outcome).toBe("signedIn");
    expect((await getProfile(actor)).recoveryCodesLeft).toBe(9);
  });

  it("is confirmed once when two confirmations race: the other is refused, so no one is shown recovery codes that do not work", async () => {
    const { user, actor, secret } = await startedEnrolment();
    const code = codeAt(secret, now);
    // Holds the setup's row until both confirmations have read it unconfirmed
    // and wait to write it, so that they truly overlap.
    const { racing } = await db().$transaction(async (blocker) => {
      await blocker.$queryRaw`SELECT 1 FROM "SecondFactor" WHERE "userId" = ${user.id} FOR UPDATE`;
      const racing = Promise.allSettled([confirmSecondFactor(actor, { code }, now), confirmSecondFactor(actor, { code }, now)]);
      await until(async () => {
        const rows = await db().$queryRaw<{ waiting: number }[]>`
          SELECT count(*)::int AS waiting FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE %SecondFactor%'`;
        return rows[0]?.waiting === 2;
      });
      // Wrapped, so that the blocker commits without waiting for them.
      return { racing };
    });
    const outcomes = await racing;
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = outcomes.find((outcome) => outcome.status === "rejected")!;
    expect(refused.reason).toMatchObject({ reason: "secondFactorEnrolled" });
    const shown = outcomes.find((outcome) => outcome.status === "fulfilled")!.value;
    const stored = await db().recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored.map((row) => row.codeHash).sort()).toEqual(shown.map(hashRecoveryCode).sort());
    expect(await db().auditEvent.count({ where: { entityId: user.id, action: "user.secondFactor.enable" } })).toBe(1);
  });

  it("turns off with the password or a current code, not with anything else", async () => {
    const { user, actor, secret } = await startedEnrolment();
    await confirmSecondFactor(actor, { code: codeAt(secret, now) }, now);
    expect(await fieldErrorsOf(removeSecondFactor(actor, { proof: "not my password" }, now))).toEqual({ proof: [{ code: "proofRejected" }] });
    const next = new Date(now.getTime() + 30_000);
    await removeSecondFactor(actor, { proof: codeAt(secret, next) }, next);
    expect(await db().secondFactor.count({ where: { userId: user.id } })).toBe(0);
    expect(await db().recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect((await checkSignIn({ email: user.email, password }, now)).outcome).toBe("signedIn");

    const again = await startedEnrolment();
    await confirmSecondFactor(again.actor, { code: codeAt(again.secret, now) }, now);
    await removeSecondFactor(again.actor, { proof: password }, now);
    expect((await getProfile(again.actor)).secondFactorEnrolled).toBe(false);
    expect(await db().auditEvent.count({ where: { entityId: again.user.id, action: "user.secondFactor.disable" } })).toBe(1);
  });
});
