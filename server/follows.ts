import "server-only";
import { z } from "zod";
import { recordAudit } from "./audit";
import { db, type Transaction } from "./db/client";
import { Prisma } from "./db/generated/client";
import { FollowTarget } from "./db/generated/enums";
import { queryRows, rawRow } from "./db/raw-rows";
import { NotFoundError } from "./errors";
import { ensure, rolesWith, type Actor } from "./permissions";
import { parseInput, recordId } from "./validation";

// Anyone may follow a pillar, commitment or milestone. People follow what
// they own without asking: a milestone its owner; a commitment its owner and
// the staff of its responsible agencies (who, by the design, update its
// milestones). Following a pillar or commitment follows what is under it. A
// Follow row records an explicit choice, which wins over that default on its
// own record: `following = false` is an owner's unfollow.

/** A follow or unfollow as the buttons and the API send it. */
export const followInput = z.strictObject({ targetType: z.enum(FollowTarget), targetId: recordId });

async function targetExists(tx: Transaction, targetType: FollowTarget, targetId: string): Promise<boolean> {
  const where = { where: { id: targetId }, select: { id: true } } as const;
  if (targetType === "pillar") return (await tx.pillar.findUnique(where)) !== null;
  if (targetType === "commitment") return (await tx.commitment.findUnique(where)) !== null;
  return (await tx.milestone.findUnique(where)) !== null;
}

async function setFollowing(actor: Actor, raw: unknown, following: boolean) {
  ensure(actor, "notifications.own");
  const input = parseInput(followInput, raw);
  return db().$transaction(async (tx) => {
    if (!(await targetExists(tx, input.targetType, input.targetId))) throw new NotFoundError();
    const key = { userId: actor.id, targetType: input.targetType, targetId: input.targetId };
    await tx.follow.upsert({ where: { userId_targetType_targetId: key }, create: { ...key, following }, update: { following } });
    await recordAudit(tx, actor, { action: following ? "follow.add" : "follow.remove", entityType: "Follow", entityId: `${input.targetType}:${input.targetId}`, after: { following } });
    return { ...input, following };
  });
}

export async function follow(actor: Actor, raw: unknown) {
  return setFollowing(actor, raw, true);
}

export async function unfollow(actor: Actor, raw: unknown) {
  return setFollowing(actor, raw, false);
}

/** The roles whose holders follow their agency's commitments by default: those who update their milestones. */
const agencyFollowerRoles = () => [...rolesWith("milestone.updateStatus")];

/** Who follows the record by default, as rows of (type, target, user). */
function defaultFollowers(targets: { commitmentId: string | null; milestoneId: string | null }): Prisma.Sql {
  return Prisma.sql`
    SELECT 'milestone'::"FollowTarget" AS type, m.id AS target, m."ownerId" AS "userId" FROM "Milestone" m
      WHERE m.id = ${targets.milestoneId}::text AND m."ownerId" IS NOT NULL
    UNION
    SELECT 'commitment'::"FollowTarget", c.id, c."ownerId" FROM "Commitment" c
      WHERE c.id = ${targets.commitmentId}::text AND c."ownerId" IS NOT NULL
    UNION
    SELECT 'commitment'::"FollowTarget", ca."commitmentId", u.id FROM "CommitmentAgency" ca JOIN "User" u ON u."agencyId" = ca."agencyId"
      WHERE ca."commitmentId" = ${targets.commitmentId}::text AND u.roles && ${agencyFollowerRoles()}::"Role"[]`;
}

/**
 * The people who follow a change on a milestone, commitment or pillar (null
 * where it has none): a SELECT of user ids, for the notifications' INSERT.
 */
export function followersOf(targets: { pillarId: string; commitmentId: string | null; milestoneId: string | null }): Prisma.Sql {
  return Prisma.sql`
    SELECT f."userId" AS id FROM "Follow" f
      WHERE f.following AND (
        (f."targetType" = 'pillar' AND f."targetId" = ${targets.pillarId}::text)
        OR (f."targetType" = 'commitment' AND f."targetId" = ${targets.commitmentId}::text)
        OR (f."targetType" = 'milestone' AND f."targetId" = ${targets.milestoneId}::text))
    UNION
    SELECT d."userId" FROM (${defaultFollowers(targets)}) d
      WHERE NOT EXISTS (SELECT 1 FROM "Follow" f WHERE f."userId" = d."userId" AND f."targetType" = d.type AND f."targetId" = d.target AND NOT f.following)`;
}

const followStateRow = rawRow("followState", { explicit: z.boolean().nullable(), byDefault: z.boolean() });

/** Whether the person follows the record (explicitly or as its owner), for its follow button. */
export async function followState(actor: Actor, targetType: FollowTarget, targetId: string) {
  ensure(actor, "notifications.own");
  const targets = { commitmentId: targetType === "commitment" ? targetId : null, milestoneId: targetType === "milestone" ? targetId : null };
  const [row] = await queryRows(followStateRow)`
    SELECT
      (SELECT f.following FROM "Follow" f WHERE f."userId" = ${actor.id} AND f."targetType" = ${targetType}::"FollowTarget" AND f."targetId" = ${targetId}) AS explicit,
      EXISTS (SELECT 1 FROM (${defaultFollowers(targets)}) d WHERE d."userId" = ${actor.id}) AS "byDefault"`;
  const byDefault = row?.byDefault ?? false;
  return { targetType, targetId, following: row?.explicit ?? byDefault, byDefault };
}

export type FollowState = Awaited<ReturnType<typeof followState>>;
