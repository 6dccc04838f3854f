// How each person's delivery preference shapes what a notification does:
// "off" writes nothing, "app" the inbox row only, "email" the inbox row and
// one email queued in the same transaction, in the person's language, with an
// absolute link and a signed one-click unsubscribe; "digest" waits for the
// daily digest (tests/db/digest.test.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client";
import { updateNotificationPreferences } from "../../server/notification-preferences";
import { notifyRoundOpened } from "../../server/notifications";
import type { Actor } from "../../server/permissions";
import { actorOf, createActor, createRound, createUser } from "../factories";

beforeAll(() => {
  process.env.NEXTAUTH_URL = "https://tracker.example.org/";
});

async function reviewerSpeaking(locale: "en" | "es"): Promise<Actor> {
  const user = await createUser({ roles: ["reviewer"] });
  return actorOf(await db().user.update({ where: { id: user.id }, data: { locale } }));
}

/** A round opened by a new manager, told to every reviewer through notify(). */
async function roundOpened(title = "Spring review") {
  const manager = await createActor(["manager"]);
  const round = await createRound({ openedById: manager.id });
  const open = () => db().$transaction((tx) => notifyRoundOpened(tx, manager, { id: round.id, title, periodEnd: "2025-12-31" }));
  await open();
  return { round, open };
}

const inboxOf = (userId: string) => db().notification.findMany({ where: { recipientId: userId } });
const emailsOf = (userId: string) => db().emailDelivery.findMany({ where: { userId } });

describe("a notification for a person who chose", () => {
  it("off: neither the inbox nor an email", async () => {
    const reviewer = await reviewerSpeaking("en");
    await updateNotificationPreferences(reviewer, { round_opened: "off" });
    await roundOpened();
    expect(await inboxOf(reviewer.id)).toEqual([]);
    expect(await emailsOf(reviewer.id)).toEqual([]);
  });

  it("in the app only, or the digest: the inbox, no email now", async () => {
    const inApp = await reviewerSpeaking("en");
    const digest = await reviewerSpeaking("en");
    await updateNotificationPreferences(inApp, { round_opened: "app" });
    await updateNotificationPreferences(digest, { round_opened: "digest" });
    await roundOpened();
    for (const person of [inApp, digest]) {
      expect(await inboxOf(person.id)).toHaveLength(1);
      expect(await emailsOf(person.id)).toEqual([]);
    }
  });

  it("email at once (the default of a round opened): the inbox and one email in their language, queued once however often the event is told", async () => {
    const english = await reviewerSpeaking("en");
    const spanish = await reviewerSpeaking("es");
    const { round, open } = await roundOpened("Review <b>& \"more\"</b>");
    await Promise.all([open(), open()]);

    const [notification] = await inboxOf(spanish.id);
    expect(notification).toBeDefined();
    const [email] = await emailsOf(spanish.id);
    expect(await emailsOf(spanish.id)).toHaveLength(1);
    expect(email).toMatchObject({
      key: `notification:${spanish.id}:round_opened:${round.id}:`,
      kind: "notification.round_opened",
      status: "queued",
      link: `https://tracker.example.org/rounds/${round.id}`,
      listUnsubscribeUrl: expect.stringMatching(/^https:\/\/tracker\.example\.org\/unsubscribe\?token=[\w-]+\.[\w-]+$/),
    });
    expect(email!.subject).toBe("La ronda de evaluación «Review <b>& \"more\"</b>» está abierta (el periodo termina el 31 dic 2025).");
    expect(email!.text).toContain(email!.subject);
    expect(email!.text).toContain(`https://tracker.example.org/rounds/${round.id}`);
    expect(email!.text).toContain(email!.listUnsubscribeUrl);
    expect(email!.html).toContain("«Review &lt;b&gt;&amp; &quot;more&quot;&lt;/b&gt;»");
    expect(email!.html).not.toContain("<b>&");
    expect(email!.html).toContain(`href="https://tracker.example.org/rounds/${round.id}"`);
    expect(email!.html).toContain('lang="es"');

    const [englishEmail] = await emailsOf(english.id);
    expect(englishEmail!.subject).toBe("The assessment round “Review <b>& \"more\"</b>” is open (period ending Dec 31, 2025).");
    // Each email has its send job, queued with it.
    expect(await db().$queryRawUnsafe(`SELECT count(*)::int AS jobs FROM pgboss.job WHERE name = 'email.send' AND data->>'deliveryId' = $1`, email!.id)).toEqual([{ jobs: 1 }]);
  });

  it("email at once, in a change rolled back: neither the notification nor its email", async () => {
    const reviewer = await reviewerSpeaking("en");
    const manager = await createActor(["manager"]);
    const round = await createRound({ openedById: manager.id });
    await expect(
      db().$transaction(async (tx) => {
        await notifyRoundOpened(tx, manager, { id: round.id, title: round.title, periodEnd: "2025-12-31" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await inboxOf(reviewer.id)).toEqual([]);
    expect(await emailsOf(reviewer.id)).toEqual([]);
  });
});

describe("an email's subject", () => {
  it("is the sentence on one line, cut at a word with an ellipsis past 150 characters", async () => {
    const reviewer = await reviewerSpeaking("en");
    await roundOpened(`Spring\nreview ${"of the border crossings ".repeat(8)}`);
    const [email] = await emailsOf(reviewer.id);
    expect(email!.subject).not.toMatch(/\n/);
    expect(email!.subject).toMatch(/^The assessment round “Spring review of the border crossings .*\w…$/);
    expect(email!.subject.length).toBeLessThanOrEqual(150);
  });
});
