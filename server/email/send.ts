import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { db } from "../db/client";
import { logger } from "../log";
import { defineJob, type JobContext } from "../jobs/worker";

// Sending one email of the ledger (server/email/deliveries.ts) through the
// mail server SMTP_URL names, with nodemailer (the maintained SMTP client for
// Node). The ledger row, not the job, decides: a delivery already sent, failed
// for good or skipped is never sent again, whichever job or worker asks.

export const sendEmailJobName = "email.send";

/**
 * How long a send is tried: again after 1, 2, 4… minutes, then every hour, 30
 * times in all, about a day; then the delivery is marked failed.
 */
export const sendEmailRetries = { retryLimit: 30, retryDelay: 60, retryBackoff: true, retryDelayMax: 3_600, expireInSeconds: 300 } as const;

let transport: { url: string; transporter: Transporter } | undefined;

function transporterFor(url: string): Transporter {
  if (transport?.url !== url) {
    // Timeouts below the job's expiry, so that a silent server fails the attempt rather than hold it.
    transport = { url, transporter: nodemailer.createTransport({ url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 }) };
  }
  return transport.transporter;
}

let toldNoMailServer = false;

const noMailServer = "Not sent: no mail server is configured (SMTP_URL is not set).";

/** The answer of a refused or failed send, and whether the server refused it for good (a 5xx reply). */
function failureOf(error: unknown): { answer: string; permanent: boolean } {
  const { response, responseCode, message } = error as { response?: string; responseCode?: number; message?: string };
  return { answer: response ?? message ?? String(error), permanent: typeof responseCode === "number" && responseCode >= 500 };
}

async function deliverEmail(deliveryId: string, context: JobContext): Promise<void> {
  const delivery = await db().emailDelivery.findUnique({ where: { id: deliveryId } });
  if (!delivery || delivery.status !== "queued") return;

  const url = process.env.SMTP_URL;
  if (!url) {
    if (!toldNoMailServer) {
      toldNoMailServer = true;
      logger.warn("SMTP_URL is not set: emails are not sent (the in-app notifications still are). The admins' email page lists them as not sent.");
    }
    await db().emailDelivery.updateMany({ where: { id: deliveryId, status: "queued" }, data: { status: "skipped", lastAnswer: noMailServer } });
    return;
  }

  // Counted before the send, so that the ledger shows an attempt a crash cut short.
  const { count } = await db().emailDelivery.updateMany({
    where: { id: deliveryId, status: "queued" },
    data: { attempts: { increment: 1 }, lastAttemptAt: context.now },
  });
  if (count === 0) return;

  try {
    const info = await transporterFor(url).sendMail({
      from: process.env.MAIL_FROM || "Four-Pillar Tracker <tracker@localhost>",
      to: delivery.to,
      subject: delivery.subject,
      text: delivery.text,
      html: delivery.html,
      ...(delivery.listUnsubscribeUrl
        ? { list: { unsubscribe: delivery.listUnsubscribeUrl }, headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } }
        : {}),
    });
    await db().emailDelivery.update({ where: { id: deliveryId }, data: { status: "sent", sentAt: context.now, lastAnswer: info.response } });
  } catch (error) {
    const { answer, permanent } = failureOf(error);
    const givenUp = permanent || context.lastAttempt;
    await db().emailDelivery.update({ where: { id: deliveryId }, data: { lastAnswer: answer, ...(givenUp ? { status: "failed" } : {}) } });
    // Thrown so that the queue tries again later; a delivery given up is done with.
    if (!givenUp) throw error;
  }
}

export const sendEmailJob = defineJob<{ deliveryId: string }>({
  name: sendEmailJobName,
  handle: ({ deliveryId }, context) => deliverEmail(deliveryId, context),
});
