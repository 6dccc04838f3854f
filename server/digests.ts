import "server-only";
import { z } from "zod";
import { kindLabelValues } from "@/domain/notification-kinds";
import { db } from "./db/client";
import { Prisma } from "./db/generated/client";
import { Locale, NotificationKind } from "./db/generated/enums";
import { queryRows, rawRow } from "./db/raw-rows";
import { queueEmails } from "./email/deliveries";
import { composeEmail, type EmailRecipient } from "./email/notification-emails";
import { publicOrigin } from "./env";
import { defineJob } from "./jobs/worker";
import { deliverySql } from "./notification-preferences";
import { readerIn } from "./notification-text";
import { unsubscribeUrl } from "./unsubscribe";
import { isoDate } from "./validation";

// The daily digest: one email a day to each person with notifications of the
// kinds they get in the digest, listing those no digest has told of yet, in
// their language. The email ledger's key digest:{person}:{day} makes it once
// a day however many workers run the job at once, and the notifications it
// tells of are marked in the same transaction, so none is listed twice. A
// notification's time is its transaction's start: one that began before a
// digest and committed after it is in the next, which looks back from the
// previous digest by a margin longer than any transaction runs.

const digestKind = "notification.digest";

const digestRow = rawRow("digestNotification", {
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  locale: z.enum(Locale),
  kind: z.enum(NotificationKind),
  values: z.record(z.string(), z.union([z.string(), z.number()])),
  link: z.string(),
});

/** The notifications no digest has told of that `now`'s digest lists, for each active person who gets their kinds in it, oldest first. */
function digestNotifications(now: Date) {
  return queryRows(digestRow)`
    SELECT n.id, u.id AS "userId", u.name, u.locale::text AS locale, n.kind::text AS kind, n."values", n.link
    FROM "User" u
    CROSS JOIN LATERAL (
      SELECT coalesce(max(e."createdAt") - interval '1 hour', ${now}::timestamptz - interval '24 hours') AS since
      FROM "EmailDelivery" e WHERE e."userId" = u.id AND e.kind = ${digestKind}
    ) previous
    JOIN "Notification" n ON n."recipientId" = u.id AND n."digestedAt" IS NULL AND n."createdAt" > previous.since AND n."createdAt" <= ${now}::timestamptz
    WHERE u.active AND ${deliverySql(Prisma.sql`u.id`, Prisma.sql`n.kind`)} = 'digest'
    ORDER BY u.id, n."createdAt", n.id`;
}

/** Queues the digest of the day of `now` for each person with anything new since their last one; answers how many it queued. */
export async function queueDigests(now: Date): Promise<number> {
  const day = isoDate(now);
  const byPerson = Map.groupBy(await digestNotifications(now), (row) => row.userId);
  let queued = 0;
  for (const rows of byPerson.values()) {
    const recipient: EmailRecipient = { id: rows[0]!.userId, name: rows[0]!.name, locale: rows[0]!.locale };
    const reader = readerIn(recipient.locale);
    const kinds = [...new Set(rows.map((row) => row.kind))];
    const unsubscribe = unsubscribeUrl(recipient.id, kinds);
    const why = reader.t("notifications.email.whyDigest", {
      kinds: reader.list(kinds.map((kind) => reader.t(`notifications.preferences.kinds.${kind}`, kindLabelValues(kind)))),
    });
    // Each person's digest in its own transaction: one that fails leaves the others queued, and a rerun finds them in the ledger.
    const added = await db().$transaction(async (tx) => {
      const queuedNow = await queueEmails(tx, [
        {
          userId: recipient.id,
          kind: digestKind,
          key: `digest:${recipient.id}:${day}`,
          subject: reader.t("notifications.email.digestSubject", { count: rows.length }),
          ...composeEmail(reader, recipient, { intro: reader.t("notifications.email.digestIntro"), notifications: rows, why, unsubscribe }),
          link: `${publicOrigin()}/notifications`,
          listUnsubscribeUrl: unsubscribe,
          createdAt: now,
        },
      ]);
      if (queuedNow > 0) await tx.notification.updateMany({ where: { id: { in: rows.map((row) => row.id) } }, data: { digestedAt: now } });
      return queuedNow;
    });
    queued += added;
  }
  return queued;
}

/**
 * Every day at 06:00 UTC, after the day's reminders (05:00), so that those of
 * digest kinds are in it; once however many workers run. The day is the
 * worker's clock's.
 */
export const digestJob = defineJob<object>({
  name: "notifications.digest",
  schedule: "0 6 * * *",
  handle: async (_data, context) => {
    await queueDigests(context.now);
  },
});
