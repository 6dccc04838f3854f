import "server-only";
import { z } from "zod";
import { listAgencies } from "./agencies";
import { recordAudit } from "./audit";
import { hashPassword, newPassword } from "./auth/password";
import { endAllSessions } from "./auth/sessions";
import type { CsvColumn } from "./csv";
import { db, type Transaction } from "./db/client";
import { Prisma } from "./db/generated/client";
import { Role } from "./db/generated/enums";
import { ConflictError, NotFoundError, ValidationError } from "./errors";
import { ensure, rolesWith, type Actor } from "./permissions";
import { optionalRecordId, parseInput, recordId, versionSeen } from "./validation";

// The admins' keeping of user accounts: create, change roles, agency and name,
// deactivate and reactivate (never delete: users have history), end sessions.
// Every change is version-checked and audited in its transaction, and the
// tracker always keeps at least one active admin.

export interface UserListItem {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  agency: { id: string; code: string; name: string } | null;
  active: boolean;
  secondFactorEnrolled: boolean;
  version: number;
  createdAt: Date;
}

export const userCsvColumns = [
  "id", "email", "name", "roles", "agencyId", "agencyCode", "agencyName", "active", "secondFactorEnrolled", "version", "createdAt",
] as const satisfies readonly CsvColumn<UserListItem>[];

const userSelect = {
  id: true,
  email: true,
  name: true,
  roles: true,
  agency: { select: { id: true, code: true, name: true } },
  active: true,
  version: true,
  createdAt: true,
  secondFactor: { select: { confirmedAt: true } },
} as const satisfies Prisma.UserSelect;

function listItem({ secondFactor, ...user }: Prisma.UserGetPayload<{ select: typeof userSelect }>): UserListItem {
  return { ...user, secondFactorEnrolled: !!secondFactor?.confirmedAt };
}

/** Every account, active ones first, by name. */
export async function listUsers(actor: Actor): Promise<UserListItem[]> {
  ensure(actor, "user.manage");
  const users = await db().user.findMany({ orderBy: [{ active: "desc" }, { name: "asc" }], select: userSelect });
  return users.map(listItem);
}

/** An account id from a path: anything that cannot name an account is a field error, not a fault. */
function accountId(rawId: string): string {
  return parseInput(z.object({ id: recordId }), { id: rawId }).id;
}

export async function getUserForEdit(actor: Actor, rawId: string): Promise<UserListItem> {
  ensure(actor, "user.manage");
  const id = accountId(rawId);
  const user = await db().user.findUnique({ where: { id }, select: userSelect });
  if (!user) throw new NotFoundError();
  return listItem(user);
}

/** The agencies a user may belong to. */
export async function getUserFormOptions(actor: Actor) {
  ensure(actor, "user.manage");
  return { agencies: await listAgencies(actor) };
}

// A form sends a blank hidden `roles` beside the boxes, so that a form with no
// box ticked still says "no roles" rather than leaving the roles out.
const roleList = z.preprocess(
  (value) => (value === undefined ? value : (Array.isArray(value) ? value : [value]).filter((role: unknown) => role !== "")),
  z.array(z.enum(Role)).refine((roles) => roles.length > 0, { message: "rolesRequired" }).transform((roles) => [...new Set(roles)]),
);

const userName = z.string().trim().min(1).max(200);

export const userCreateInput = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  name: userName,
  roles: roleList,
  agencyId: optionalRecordId,
  password: newPassword,
});

/** A change to an account: only the fields given change; a blank agency means none. */
export const userUpdateInput = z.strictObject({
  version: versionSeen,
  name: userName.optional(),
  roles: roleList.optional(),
  agencyId: z.preprocess((value) => (value === "" ? null : value), recordId.nullable().optional()),
  active: z.preprocess((value) => (value === "true" ? true : value === "false" ? false : value), z.boolean().optional()),
});

function refusedField(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new ValidationError({ email: [{ code: "taken" }] });
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") throw new ValidationError({ agencyId: [{ code: "unknownRecord" }] });
  throw error;
}

export async function createUser(actor: Actor, raw: unknown): Promise<UserListItem> {
  ensure(actor, "user.manage");
  const { password, ...input } = parseInput(userCreateInput, raw);
  const passwordHash = await hashPassword(password);
  return db()
    .$transaction(async (tx) => {
      const created = await tx.user.create({ data: { ...input, agencyId: input.agencyId ?? null, passwordHash }, select: userSelect });
      await recordAudit(tx, actor, { action: "user.create", entityType: "User", entityId: created.id, after: input });
      return listItem(created);
    })
    .catch(refusedField);
}

/**
 * Locks every active admin's row (an admin: whoever may manage users), so that
 * two changes that each leave another admin in place cannot together leave none.
 */
async function lockActiveAdmins(tx: Transaction): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "User" WHERE active AND roles && ${rolesWith("user.manage")}::"Role"[] FOR UPDATE`;
}

async function ensureAnActiveAdminRemains(tx: Transaction): Promise<void> {
  const admins = await tx.user.count({ where: { active: true, roles: { hasSome: [...rolesWith("user.manage")] } } });
  if (admins === 0) throw new ConflictError("lastAdmin");
}

export async function updateUser(actor: Actor, rawId: string, raw: unknown): Promise<UserListItem> {
  ensure(actor, "user.manage");
  const id = accountId(rawId);
  const { version, ...change } = parseInput(userUpdateInput, raw);
  const fields = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as Partial<typeof change>;
  return db()
    .$transaction(async (tx) => {
      await lockActiveAdmins(tx);
      const before = await tx.user.findUnique({ where: { id }, select: { name: true, roles: true, agencyId: true, active: true, version: true } });
      if (!before) throw new NotFoundError();
      // Reactivation must not bring back a session from before the deactivation.
      const deactivating = fields.active === false && before.active;
      const changed = await tx.user.updateMany({
        where: { id, version },
        data: { ...fields, version: { increment: 1 }, ...(deactivating ? { sessionVersion: { increment: 1 } } : {}) },
      });
      if (changed.count === 0) throw new ConflictError("stale", { version: before.version });
      if (deactivating) await endAllSessions(tx, id);
      await ensureAnActiveAdminRemains(tx);
      const touched = Object.keys(fields) as (keyof typeof fields)[];
      await recordAudit(tx, actor, {
        action: fields.active === undefined || fields.active === before.active ? "user.update" : fields.active ? "user.reactivate" : "user.deactivate",
        entityType: "User",
        entityId: id,
        before: Object.fromEntries(touched.map((field) => [field, before[field]])),
        after: fields,
      });
      return listItem(await tx.user.findUniqueOrThrow({ where: { id }, select: userSelect }));
    })
    .catch(refusedField);
}

/** Ends every session of the user at their next request. */
export async function endUserSessions(actor: Actor, rawId: string): Promise<void> {
  ensure(actor, "user.manage");
  const id = accountId(rawId);
  await db().$transaction(async (tx) => {
    const ended = await tx.user.updateMany({ where: { id }, data: { sessionVersion: { increment: 1 } } });
    if (ended.count === 0) throw new NotFoundError();
    await endAllSessions(tx, id);
    await recordAudit(tx, actor, { action: "user.sessions.end", entityType: "User", entityId: id });
  });
}

export const userSecondFactorResetInput = z.strictObject({ version: versionSeen });

/**
 * Removes the account's second factor and its recovery codes, for a person who
 * lost their authenticator or whose secret the key in force cannot read (a
 * restore under another key); they set one up again at their next sign-in
 * when their role requires it.
 */
export async function resetUserSecondFactor(actor: Actor, rawId: string, raw: unknown): Promise<UserListItem> {
  ensure(actor, "user.manage");
  const id = accountId(rawId);
  const { version } = parseInput(userSecondFactorResetInput, raw);
  return db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, select: { version: true } });
    if (!before) throw new NotFoundError();
    const changed = await tx.user.updateMany({ where: { id, version }, data: { version: { increment: 1 } } });
    if (changed.count === 0) throw new ConflictError("stale", { version: before.version });
    await tx.recoveryCode.deleteMany({ where: { userId: id } });
    const removed = await tx.secondFactor.deleteMany({ where: { userId: id } });
    await recordAudit(tx, actor, { action: "user.secondFactor.reset", entityType: "User", entityId: id, after: { removed: removed.count === 1 } });
    return listItem(await tx.user.findUniqueOrThrow({ where: { id }, select: userSelect }));
  });
}
