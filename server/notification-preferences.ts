import "server-only";
import { z } from "zod";
import { recordAudit } from "./audit";
import { db } from "./db/client";
import { Prisma } from "./db/generated/client";
import { NotificationDelivery, NotificationKind } from "./db/generated/enums";
import { ensure, type Actor } from "./permissions";
import { parseInput } from "./validation";

// How each person hears of each kind of notification: in the app only, by
// email at once, in the daily digest, or not at all. Without a choice of
// their own, the design's default: in the app for everything; email at once
// for work returned or published, a round opened and escalations (and, for
// admins, a failed backup); the digest for what a person follows.

const notificationKinds = Object.values(NotificationKind);

const defaultDelivery: Record<NotificationKind, NotificationDelivery> = {
  milestone_due_soon: "app",
  milestone_overdue: "app",
  milestone_escalation: "email",
  milestone_stale: "app",
  round_opened: "email",
  round_period_ended: "app",
  assessment_submitted: "app",
  assessment_returned: "email",
  assessment_published: "email",
  followed_change: "digest",
  backup_failed: "email",
};

/**
 * SQL: how the person `userId` (a column) hears of notifications of `kind` (a
 * column or a value of type "NotificationKind"): their choice, or the
 * default. The ledger's inserts and the digest join on it, so that a
 * preference is applied in the same statement that reads the recipients.
 */
export function deliverySql(userId: Prisma.Sql, kind: Prisma.Sql): Prisma.Sql {
  const defaults = Prisma.join(
    notificationKinds.map((each) => Prisma.sql`WHEN ${each} THEN ${defaultDelivery[each]}`),
    " ",
  );
  return Prisma.sql`coalesce(
    (SELECT p.delivery FROM "NotificationPreference" p WHERE p."userId" = ${userId} AND p.kind = ${kind}),
    (CASE ${kind}::text ${defaults} END)::"NotificationDelivery")`;
}

/** The preferences as the profile's form and the API send them: any of the kinds, each with its delivery. */
export const preferencesInput = z.strictObject(
  Object.fromEntries(notificationKinds.map((kind) => [kind, z.enum(NotificationDelivery).optional()])) as Record<NotificationKind, z.ZodOptional<z.ZodEnum<typeof NotificationDelivery>>>,
);

/** Every kind with the person's delivery for it, and whether that is the default. */
export async function getNotificationPreferences(actor: Actor) {
  ensure(actor, "notifications.own");
  const chosen = await db().notificationPreference.findMany({ where: { userId: actor.id }, select: { kind: true, delivery: true } });
  return notificationKinds.map((kind) => {
    const choice = chosen.find((row) => row.kind === kind);
    return { kind, delivery: choice?.delivery ?? defaultDelivery[kind], isDefault: !choice };
  });
}

export type NotificationPreferences = Awaited<ReturnType<typeof getNotificationPreferences>>;

/** Sets the deliveries given; the kinds left out keep theirs. Answers every kind as it now stands. */
export async function updateNotificationPreferences(actor: Actor, raw: unknown) {
  ensure(actor, "notifications.own");
  const input = parseInput(preferencesInput, raw);
  const before = await getNotificationPreferences(actor);
  const changes = notificationKinds.flatMap((kind) => {
    const delivery = input[kind];
    const current = before.find((preference) => preference.kind === kind)!;
    return delivery && delivery !== current.delivery ? [{ kind, delivery, from: current.delivery }] : [];
  });
  if (changes.length > 0) {
    await db().$transaction(async (tx) => {
      for (const { kind, delivery } of changes) {
        await tx.notificationPreference.upsert({ where: { userId_kind: { userId: actor.id, kind } }, create: { userId: actor.id, kind, delivery }, update: { delivery } });
      }
      await recordAudit(tx, actor, {
        action: "notification.preferences.update",
        entityType: "User",
        entityId: actor.id,
        before: Object.fromEntries(changes.map((change) => [change.kind, change.from])),
        after: Object.fromEntries(changes.map((change) => [change.kind, change.delivery])),
      });
    });
  }
  return getNotificationPreferences(actor);
}
