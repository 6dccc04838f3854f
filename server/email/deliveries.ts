import "server-only";
import { z } from "zod";
import { db, type Transaction } from "../db/client";
import { EmailStatus } from "../db/generated/enums";
import { enqueueJob } from "../jobs/queue";
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
 * Queues an email in the transaction `tx`: its ledger row and its send job
 * commit with the change that causes them, or neither does. Returns false,
 * and queues nothing, when an email with the same key was queued before.
 */
export async function queueEmail(tx: Transaction, email: EmailToQueue): Promise<boolean> {
  const { email: to } = await tx.user.findUniqueOrThrow({ where: { id: email.userId }, select: { email: true } });
  // ON CONFLICT DO NOTHING on the key: a concurrent twin waits for this one's commit, then inserts nothing.
  const [delivery] = await tx.emailDelivery.createManyAndReturn({ data: [{ ...email, to }], skipDuplicates: true, select: { id: true } });
  if (!delivery) return false;
  await enqueueJob(tx, sendEmailJobName, { deliveryId: delivery.id }, sendEmailRetries);
  return true;
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
