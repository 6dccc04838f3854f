// Email, exactly once (server/email): the ledger row and its send job are
// queued in the change's transaction, a key is queued once, and the send job,
// run by real workers, hands each email to a real SMTP server (smtp-server,
// in this process) once, retrying a refusal.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client";
import { listEmailDeliveries, queueEmails, type EmailToQueue } from "../../server/email/deliveries";
import { sendEmailJob } from "../../server/email/send";
import { enqueueJob, stopJobQueue } from "../../server/jobs/queue";
import { startWorker, type Worker } from "../../server/jobs/worker";
import { ForbiddenError, ValidationError } from "../../server/errors";
import { actorOf, createUser } from "../factories";

/** Every message the test's mail server accepted, as received. */
const received: string[] = [];
/** How many of the next messages the mail server refuses, and how: for now (451) or for good (550). */
let refuseNext = 0;
let refusal = { code: 451, text: "Mailbox busy, try again later" };

const mailServer = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      if (refuseNext > 0) {
        refuseNext -= 1;
        return callback(Object.assign(new Error(refusal.text), { responseCode: refusal.code }));
      }
      received.push(Buffer.concat(chunks).toString("utf8"));
      callback();
    });
  },
});

let smtpUrl: string;
const workers: Worker[] = [];

beforeAll(async () => {
  await new Promise<void>((resolve) => mailServer.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(mailServer.server.address() as AddressInfo).port}`;
  process.env.MAIL_FROM = "Tracker <tracker@test.local>";
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  received.length = 0;
  refuseNext = 0;
  refusal = { code: 451, text: "Mailbox busy, try again later" };
});

afterAll(async () => {
  await stopJobQueue();
  await new Promise<void>((resolve) => mailServer.close(() => resolve()));
});

async function startWorkers(count: number, clock = () => new Date("2026-04-01T09:00:00Z")) {
  workers.push(...(await Promise.all(Array.from({ length: count }, () => startWorker({ jobs: [sendEmailJob], clock, pollingIntervalSeconds: 0.5 })))));
}

/** Resolves once `check` holds, asking again as the workers go on (the test's timeout ends a wait that never does). */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 100));
}

async function anEmail(overrides: Partial<EmailToQueue> = {}): Promise<EmailToQueue> {
  const user = await createUser({ roles: ["staff"] });
  const id = randomBytes(4).toString("hex");
  return {
    userId: user.id,
    kind: "milestone.overdue",
    key: `milestone.overdue:${user.id}:${id}:2026-04-01`,
    subject: `Milestone ${id} is overdue`,
    text: `Milestone ${id} was due yesterday. https://tracker.test/milestones/${id}`,
    html: `<p>Milestone ${id} was due yesterday. <a href="https://tracker.test/milestones/${id}">Open it</a></p>`,
    link: `https://tracker.test/milestones/${id}`,
    ...overrides,
  };
}

/** The messages the mail server accepted of this email (another test's queued email may be sent meanwhile). */
const receivedOf = (email: EmailToQueue) => received.filter((message) => message.includes(`Subject: ${email.subject}`));

const deliveryOf = (key: string) => db().emailDelivery.findUniqueOrThrow({ where: { key } });

async function sendJobsOf(deliveryId: string): Promise<{ state: string }[]> {
  return db().$queryRawUnsafe(`SELECT state::text FROM pgboss.job WHERE name = 'email.send' AND data->>'deliveryId' = $1`, deliveryId);
}

describe("queueEmails", () => {
  it("queues neither the email nor its send when the change's transaction rolls back", async () => {
    const email = await anEmail();
    await expect(
      db().$transaction(async (tx) => {
        await queueEmails(tx, [email]);
        throw new Error("the change fails");
      }),
    ).rejects.toThrow("the change fails");
    expect(await db().emailDelivery.findUnique({ where: { key: email.key } })).toBeNull();
    expect(await db().$queryRawUnsafe(`SELECT id FROM pgboss.job WHERE name = 'email.send'`)).toEqual([]);
  });

  it("queues an email once per key, to the recipient's address, however often it is asked", async () => {
    const email = await anEmail();
    const answers = await Promise.all([1, 2, 3].map(() => db().$transaction((tx) => queueEmails(tx, [email]))));
    expect(answers.sort()).toEqual([0, 0, 1]);
    const delivery = await deliveryOf(email.key);
    const user = await db().user.findUniqueOrThrow({ where: { id: email.userId } });
    expect(delivery).toMatchObject({ to: user.email, status: "queued", attempts: 0, subject: email.subject });
    expect(await sendJobsOf(delivery.id)).toHaveLength(1);
  });

  it("queues an event's emails together, each to its own recipient with one send, leaving out those already queued", async () => {
    const [first, second, third] = await Promise.all([anEmail(), anEmail(), anEmail()]);
    expect(await db().$transaction((tx) => queueEmails(tx, [first, second]))).toBe(2);
    expect(await db().$transaction((tx) => queueEmails(tx, [second, third]))).toBe(1);
    for (const email of [first, second, third]) {
      const delivery = await deliveryOf(email.key);
      const user = await db().user.findUniqueOrThrow({ where: { id: email.userId } });
      expect(delivery).toMatchObject({ to: user.email, subject: email.subject });
      expect(await sendJobsOf(delivery.id)).toHaveLength(1);
    }
  });
});

describe("the send job", () => {
  it("with three workers started at once, sends an email once, in text and HTML with its one-click unsubscribe, and a second run sends nothing", async () => {
    process.env.SMTP_URL = smtpUrl;
    const email = await anEmail({ listUnsubscribeUrl: "https://tracker.test/unsubscribe?token=signed" });
    await startWorkers(3);
    await db().$transaction((tx) => queueEmails(tx, [email]));
    await eventually(async () => (await deliveryOf(email.key)).status === "sent");

    const delivery = await deliveryOf(email.key);
    expect(delivery).toMatchObject({ status: "sent", attempts: 1, sentAt: new Date("2026-04-01T09:00:00Z"), lastAnswer: expect.stringMatching(/^250 /) });
    // A job for a delivery already sent (a duplicate, or a retry after a lost acknowledgement) sends nothing.
    await db().$transaction((tx) => enqueueJob(tx, "email.send", { deliveryId: delivery.id }));
    await eventually(async () => (await sendJobsOf(delivery.id)).every((job) => job.state === "completed"));
    expect(receivedOf(email)).toHaveLength(1);
    const [message] = receivedOf(email);
    expect(message).toContain(`Subject: ${email.subject}`);
    expect(message).toContain("From: Tracker <tracker@test.local>");
    expect(message).toMatch(/^List-Unsubscribe: <https:\/\/tracker\.test\/unsubscribe\?token=signed>/m);
    expect(message).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    expect(message).toMatch(/Content-Type: text\/plain/);
    expect(message).toMatch(/Content-Type: text\/html/);
    expect((await deliveryOf(email.key)).attempts).toBe(1);
  });

  it("tries again when the mail server refuses, and ends with one delivery once it accepts", async () => {
    process.env.SMTP_URL = smtpUrl;
    refuseNext = 1;
    const email = await anEmail();
    await startWorkers(1);
    await db().$transaction((tx) => queueEmails(tx, [email]));
    await eventually(async () => (await deliveryOf(email.key)).attempts === 1 && (await sendJobsOf((await deliveryOf(email.key)).id))[0]?.state === "retry");

    const refused = await deliveryOf(email.key);
    expect(refused).toMatchObject({ status: "queued", lastAnswer: expect.stringMatching(/^451 /) });
    expect(receivedOf(email)).toHaveLength(0);
    // The backoff's wait (a minute) passes: the retry falls due now.
    await db().$executeRawUnsafe(`UPDATE pgboss.job SET start_after = now() WHERE name = 'email.send' AND data->>'deliveryId' = $1`, refused.id);
    await eventually(async () => (await deliveryOf(email.key)).status === "sent");

    expect(await deliveryOf(email.key)).toMatchObject({ status: "sent", attempts: 2, lastAnswer: expect.stringMatching(/^250 /) });
    expect(receivedOf(email)).toHaveLength(1);
  });

  it("marks an email the mail server refuses for good failed at once, with its answer, and does not try again", async () => {
    process.env.SMTP_URL = smtpUrl;
    refuseNext = 1;
    refusal = { code: 550, text: "No such mailbox" };
    const email = await anEmail();
    await startWorkers(1);
    await db().$transaction((tx) => queueEmails(tx, [email]));
    await eventually(async () => (await deliveryOf(email.key)).status !== "queued");

    const delivery = await deliveryOf(email.key);
    expect(delivery).toMatchObject({ status: "failed", attempts: 1, lastAnswer: expect.stringMatching(/^550 /) });
    await eventually(async () => (await sendJobsOf(delivery.id))[0]?.state === "completed");
    expect(receivedOf(email)).toHaveLength(0);
  });

  it("without SMTP_URL sends nothing and records the email as not sent, saying why", async () => {
    delete process.env.SMTP_URL;
    const email = await anEmail();
    await startWorkers(1);
    await db().$transaction((tx) => queueEmails(tx, [email]));
    await eventually(async () => (await deliveryOf(email.key)).status !== "queued");

    expect(await deliveryOf(email.key)).toMatchObject({ status: "skipped", attempts: 0, lastAnswer: expect.stringContaining("SMTP_URL is not set") });
    expect(receivedOf(email)).toHaveLength(0);
  });
});

describe("listEmailDeliveries", () => {
  it("lists the ledger newest first, of one status when asked, for admins only", async () => {
    const admin = actorOf(await createUser({ roles: ["admin"] }));
    const manager = actorOf(await createUser({ roles: ["manager"] }));
    const email = await anEmail();
    await db().$transaction((tx) => queueEmails(tx, [email]));
    const newer = await anEmail();
    await db().$transaction((tx) => queueEmails(tx, [newer]));
    await db().emailDelivery.update({ where: { key: newer.key }, data: { status: "failed", lastAnswer: "550 5.1.1 No such mailbox" } });

    const all = await listEmailDeliveries(admin, {});
    expect(all.items.findIndex((item) => item.subject === newer.subject)).toBeLessThan(all.items.findIndex((item) => item.subject === email.subject));
    const failed = await listEmailDeliveries(admin, { status: "failed" });
    expect(failed.items.map((item) => item.subject)).toContain(newer.subject);
    expect(failed.items.every((item) => item.status === "failed")).toBe(true);
    await expect(listEmailDeliveries(admin, { status: "lost" })).rejects.toThrow(ValidationError);
    await expect(listEmailDeliveries(manager, {})).rejects.toThrow(ForbiddenError);
  });
});
