import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../server/auth/password";
import { db } from "../../server/db/client";
import { ConflictError, ForbiddenError, ValidationError } from "../../server/errors";
import { encryptSecret, hashRecoveryCode } from "../../server/auth/second-factor";
import { createUser, endUserSessions, listUsers, resetUserSecondFactor, updateUser } from "../../server/user-admin";
import { findActiveAccount } from "../../server/users";
import { actorOf, createActor, createAgency, createSession, createUser as createTestUser } from "../factories";

const strongPassword = "lantern orbit meadow 42";

async function issuesOf(write: Promise<unknown>) {
  const error = await write.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

describe("creating a user", () => {
  it("stores the account with a hashed password and an audit event without it", async () => {
    const admin = await createActor(["admin"]);
    const agency = await createAgency();
    const created = await createUser(admin, { email: " New.Person@Test.local ", name: "New Person", roles: ["staff", "reviewer"], agencyId: agency.id, password: strongPassword });
    expect(created).toMatchObject({ email: "new.person@test.local", roles: ["staff", "reviewer"], agency: { id: agency.id }, active: true, secondFactorEnrolled: false, version: 1 });
    const stored = await db().user.findUniqueOrThrow({ where: { id: created.id }, omit: { passwordHash: false } });
    expect(stored.passwordHash).not.toContain(strongPassword);
    expect(await verifyPassword(stored.passwordHash!, strongPassword)).toBe(true);
    const [event] = await db().auditEvent.findMany({ where: { entityId: created.id, action: "user.create" } });
    expect(event).toMatchObject({ actorId: admin.id });
    expect(JSON.stringify(event)).not.toContain(strongPassword);
  });

  it("refuses a short password, a common one, no role and an email in use, writing nothing", async () => {
    const admin = await createActor(["admin"]);
    const existing = await createTestUser({ roles: ["staff"] });
    expect(await issuesOf(createUser(admin, { email: "a@test.local", name: "A", roles: ["staff"], password: "short pass" }))).toEqual({
      password: [{ code: "tooShort", values: { minimum: 12 } }],
    });
    expect(await issuesOf(createUser(admin, { email: "a@test.local", name: "A", roles: ["staff"], password: "Password1234" }))).toEqual({
      password: [{ code: "passwordTooCommon" }],
    });
    expect(await issuesOf(createUser(admin, { email: "a@test.local", name: "A", roles: [], password: strongPassword }))).toEqual({
      roles: [{ code: "rolesRequired" }],
    });
    expect(await issuesOf(createUser(admin, { email: "a@test.local", name: "A", roles: ["staff"], password: "x".repeat(129) }))).toEqual({
      password: [{ code: "tooLong", values: { maximum: 128 } }],
    });
    expect(await issuesOf(createUser(admin, { email: existing.email, name: "A", roles: ["staff"], password: strongPassword }))).toEqual({
      email: [{ code: "taken" }],
    });
    expect(await db().user.count({ where: { email: "a@test.local" } })).toBe(0);
  });

  it("is for admins only", async () => {
    const manager = await createActor(["manager"]);
    await expect(createUser(manager, { email: "m@test.local", name: "M", roles: ["staff"], password: strongPassword })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listUsers(manager)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("changing a user", () => {
  it("changes roles, agency and name against the version seen, with the values before and after audited", async () => {
    const admin = await createActor(["admin"]);
    const user = await createTestUser({ roles: ["staff"] });
    const agency = await createAgency();
    const changed = await updateUser(admin, user.id, { version: 1, roles: ["reviewer"], agencyId: agency.id, name: "Renamed" });
    expect(changed).toMatchObject({ roles: ["reviewer"], agency: { id: agency.id }, name: "Renamed", version: 2 });
    const event = await db().auditEvent.findFirstOrThrow({ where: { entityId: user.id, action: "user.update" } });
    expect(event).toMatchObject({ before: { roles: ["staff"], agencyId: null, name: user.name }, after: { roles: ["reviewer"], agencyId: agency.id, name: "Renamed" } });
    expect((await updateUser(admin, user.id, { version: 2, agencyId: "" })).agency).toBeNull();
  });

  it("refuses a change made against a stale version, keeping the newer one", async () => {
    const admin = await createActor(["admin"]);
    const user = await createTestUser({ roles: ["staff"] });
    await updateUser(admin, user.id, { version: 1, name: "First" });
    await expect(updateUser(admin, user.id, { version: 1, name: "Second" })).rejects.toMatchObject({ reason: "stale", current: { version: 2 } });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("First");
  });

  it("deactivates an account, ending its sessions, and reactivates it without bringing them back", async () => {
    const admin = await createActor(["admin"]);
    const user = await createTestUser({ roles: ["staff"] });
    const session = await createSession(user.id);
    expect(await findActiveAccount(session)).not.toBeNull();
    expect((await updateUser(admin, user.id, { version: "1", active: "false" })).active).toBe(false);
    expect(await findActiveAccount(session)).toBeNull();
    expect((await updateUser(admin, user.id, { version: 2, active: true })).active).toBe(true);
    expect(await findActiveAccount(session)).toBeNull();
    expect(await findActiveAccount({ ...session, sessionVersion: 1 })).toBeNull();
    expect(await findActiveAccount(await createSession(user.id))).not.toBeNull();
    const actions = (await db().auditEvent.findMany({ where: { entityId: user.id }, orderBy: { at: "asc" } })).map((event) => event.action);
    expect(actions).toEqual(["user.deactivate", "user.reactivate"]);
  });

  it("answers an id that cannot name an account as a field error, for a change and for ending sessions", async () => {
    const admin = await createActor(["admin"]);
    expect(Object.keys(await issuesOf(updateUser(admin, "bad\u0000id", { version: 1, name: "X" })))).toEqual(["id"]);
    expect(await issuesOf(endUserSessions(admin, "../etc"))).toEqual({ id: [{ code: "invalidFormat" }] });
  });

  it("ends every session of an account, audited", async () => {
    const admin = await createActor(["admin"]);
    const user = await createTestUser({ roles: ["reviewer"] });
    const session = await createSession(user.id);
    await endUserSessions(admin, user.id);
    expect(await findActiveAccount(session)).toBeNull();
    expect(await findActiveAccount({ ...session, sessionVersion: 1 })).toBeNull();
    expect(await db().auditEvent.count({ where: { entityId: user.id, action: "user.sessions.end", actorId: admin.id } })).toBe(1);
  });
});

describe("resetting a second factor", () => {
  it("removes the account's second factor and recovery codes, version-checked and audited, so that its owner sets one up again", async () => {
    process.env.TOTP_ENCRYPTION_KEY = "user-admin-test-key";
    const admin = await createActor(["admin"]);
    const user = await createTestUser({ roles: ["manager"] });
    await db().secondFactor.create({ data: { userId: user.id, secret: encryptSecret("JBSWY3DPEHPK3PXP"), confirmedAt: new Date("2026-03-02T10:00:00Z") } });
    await db().recoveryCode.create({ data: { userId: user.id, codeHash: hashRecoveryCode("ABCD-EFGH-JKMN") } });
    const { version } = await db().user.findUniqueOrThrow({ where: { id: user.id } });

    await expect(resetUserSecondFactor(admin, user.id, { version: version + 1 })).rejects.toThrow(ConflictError);
    await expect(resetUserSecondFactor(actorOf(user), user.id, { version })).rejects.toThrow(ForbiddenError);
    const reset = await resetUserSecondFactor(admin, user.id, { version });

    expect(reset).toMatchObject({ secondFactorEnrolled: false, version: version + 1 });
    expect(await db().secondFactor.count({ where: { userId: user.id } })).toBe(0);
    expect(await db().recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { entityId: user.id, action: "user.secondFactor.reset", actorId: admin.id } })).toBe(1);
  });
});

describe("the last active admin", () => {
  it("cannot demote or deactivate themselves while no other admin is active, and can once another is", async () => {
    // Only this test's admins are active admins in its database.
    await db().user.updateMany({ where: { roles: { has: "admin" } }, data: { active: false } });
    const admin = actorOf(await createTestUser({ roles: ["admin", "manager"] }));
    await expect(updateUser(admin, admin.id, { version: 1, roles: ["manager"] })).rejects.toMatchObject({ reason: "lastAdmin" });
    await expect(updateUser(admin, admin.id, { version: 1, active: false })).rejects.toBeInstanceOf(ConflictError);
    const stored = await db().user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(stored).toMatchObject({ roles: ["admin", "manager"], active: true, version: 1 });
    expect(await db().auditEvent.count({ where: { entityId: admin.id } })).toBe(0);

    await createTestUser({ roles: ["admin"] });
    expect((await updateUser(admin, admin.id, { version: 1, roles: ["manager"] })).roles).toEqual(["manager"]);
  });

  it("survives two admins demoting each other at the same moment: one change wins", async () => {
    await db().user.updateMany({ where: { roles: { has: "admin" } }, data: { active: false } });
    const first = actorOf(await createTestUser({ roles: ["admin"] }));
    const second = actorOf(await createTestUser({ roles: ["admin"] }));
    const outcomes = await Promise.allSettled([
      updateUser(first, second.id, { version: 1, roles: ["reviewer"] }),
      updateUser(second, first.id, { version: 1, roles: ["reviewer"] }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db().user.count({ where: { active: true, roles: { has: "admin" } } })).toBe(1);
  });
});
