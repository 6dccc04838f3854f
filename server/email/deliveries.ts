import "server-only";
import { z } from "zod";
import { db, type Transaction } from "../db/client";
import { EmailStatus } from "../db/generated/enums";
import { enqueueJobs } from "../jobs/queue";
import { ensure, type Actor } from "../permissions";
import { blankToUndefined, optionalPageNumber, parseInput } from "../validation";
import { sendEmailJobName, sendEmailRetries } from "./send";

// The email ledger: every email the tracker sends is a row here first, with a
// key that names what it is for, so that it is queued once however many
// processes try, and its send job (server/email/send.ts) records how it went.
// Admins read it on /admin/emails.

export interface EmailToQueue {
  /** The recipient; the email goes to their address as it is now. */
  userId: string;
  /** What the email is about, for the admins' list (e.g. `milestone.overdue`). */
  kind: string;
  /** Unique per (recipient, event, record, period): an email with a key already queued is not queued again. */
  key: string;
  subject: string;
  text: string;
  html: string;
  /** The page the email is about. */
  link: string;
  /** A one-click unsubscribe link, sent as List-Unsubscribe (with List-Unsubscribe-Post). */
  listUnsubscribeUrl?: string;
  /** When it is queued, as the caller's clock reads it (a job's); the database's clock otherwise. */
  createdAt?: Date;
}

/**
 * Queues emails in the transaction `tx`, in three statements however many:
 * their ledger rows and send jobs commit with the change that causes them, or
 * none do. An email whose key was queued before is left out; answers how
 * many were queued.
 */
export async function queueEmails(tx: Transaction, emails: readonly EmailToQueue[]): Promise<number> {
  if (emails.length === 0) return 0;
  const recipients = await tx.user.findMany({ where: { id: { in: [...new Set(emails.map((email) => email.userId))] } }, select: { id: true, email: true } });
  const addressOf = new Map(recipients.map((recipient) => [recipient.id, recipient.email]));
  // ON CONFLICT DO NOTHING on the key: a concurrent twin waits for this one's commit, then inserts nothing.
  const deliveries = await tx.emailDelivery.createManyAndReturn({
    data: emails.map((email) => {
      const to = addressOf.get(email.userId);
      if (to === undefined) throw new Error(`No user ${email.userId} to email`);
      return { ...email, to };
    }),
    skipDuplicates: true,
    select: { id: true },
  });
  await enqueueJobs(
    tx,
    sendEmailJobName,
    deliveries.map((delivery) => ({ deliveryId: delivery.id })),
    sendEmailRetries,
  );
  return deliveries.length;
}

const emailDeliveryFilter = z.object({
  status: z.preprocess(blankToUndefined, z.enum(EmailStatus).optional()),
  page: optionalPageNumber,
});

const emailDeliveryPageSize = 50;

/** The ledger, newest first, a page at a time, optionally of one status: for admins. */
export async function listEmailDeliveries(actor: Actor, rawFilter: unknown, { pageSize = emailDeliveryPageSize }: { pageSize?: number } = {}) {
  ensure(actor, "operations.read");
  const filter = parseInput(emailDeliveryFilter, rawFilter);
  const page = filter.page ?? 1;
  const where = filter.status ? { status: filter.status } : {};
  const [total, items] = await Promise.all([
    db().emailDelivery.count({ where }),
    db().emailDelivery.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, kind: true, to: true, subject: true, status: true, attempts: true, lastAnswer: true, createdAt: true, lastAttemptAt: true, sentAt: true },
    }),
  ]);
  return { items, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

export type EmailDeliveryListItem = Awaited<ReturnType<typeof listEmailDeliveries>>["items"][number];
