// The daily digest (server/digests.ts): one email a day per person, in their
// language, of the notifications of their digest kinds that no digest told of
// (the last 24 hours the first time), at most 50 of them listed; nothing when
// there is nothing new; once however many workers run it at the same time.
// The clock is the time given to queueDigests, never the wall clock.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client";
import type { NotificationKind } from "../../server/db/generated/enums";
import { queueDigests } from "../../server/digests";
import { updateNotificationPreferences } from "../../server/notification-preferences";
import { actorOf, createUser } from "../factories";

beforeAll(() => {
  process.env.NEXTAUTH_URL = "https://tracker.example.org";
});

async function person(locale: "en" | "es" = "en") {
  const user = await createUser({ roles: ["staff"] });
  return actorOf(await db().user.update({ where: { id: user.id }, data: { locale } }));
}

/** A notification in the person's inbox, made at `at`. */
async function notification(recipientId: string, at: string, kind: NotificationKind = "followed_change") {
  const id = randomBytes(4).toString("hex");
  const values = kind === "followed_change" ? { change: "evidence", title: `Report ${id}`, commitment: "Border ports", author: "Ana" } : { title: `Round ${id}`, periodEnd: "2026-06-30" };
  await db().notification.create({ data: { recipientId, kind, recordType: "Evidence", recordId: id, values, link: `/evidence/${id}`, createdAt: new Date(at) } });
  return { id, title: values.title };
}

const digestsOf = (userId: string) => db().emailDelivery.findMany({ where: { userId, kind: "notification.digest" }, orderBy: { createdAt: "asc" } });

describe("the daily digest", () => {
  it("lists, the first time, the last 24 hours of the person's digest kinds only, in their language, once however many workers run it", async () => {
    const spanish = await person("es");
    const old = await notification(spanish.id, "2026-03-31T05:00:00Z");
    const recent = await notification(spanish.id, "2026-04-01T10:00:00Z");
    const atOnce = await notification(spanish.id, "2026-04-01T11:00:00Z", "round_opened");

    const now = new Date("2026-04-02T06:00:00Z");
    const queued = await Promise.all([queueDigests(now), queueDigests(now), queueDigests(now)]);
    expect(queued.filter((count) => count > 0)).toHaveLength(1);

    const [digest, ...more] = await digestsOf(spanish.id);
    expect(more).toEqual([]);
    expect(digest).toMatchObject({
      key: `digest:${spanish.id}:2026-04-02`,
      subject: "Su resumen diario: 1 notificación",
      link: "https://tracker.example.org/notifications",
      createdAt: now,
      listUnsubscribeUrl: expect.stringMatching(/^https:\/\/tracker\.example\.org\/unsubscribe\?token=/),
    });
    expect(digest!.text).toContain(`Ana registró la evidencia «${recent.title}» en «Border ports».`);
    expect(digest!.text).toContain(`https://tracker.example.org/evidence/${recent.id}`);
    expect(digest!.html).toContain(`href="https://tracker.example.org/evidence/${recent.id}"`);
    expect(digest!.html).toContain('lang="es"');
    for (const left of [old, atOnce]) expect(digest!.text).not.toContain(left.title);
    expect(await db().$queryRawUnsafe(`SELECT count(*)::int AS jobs FROM pgboss.job WHERE name = 'email.send' AND data->>'deliveryId' = $1`, digest!.id)).toEqual([{ jobs: 1 }]);
  });

  it("next day lists only what is new since the previous digest; a day with nothing new queues nothing", async () => {
    const reader = await person();
    await notification(reader.id, "2026-05-01T09:00:00Z");
    await queueDigests(new Date("2026-05-02T06:00:00Z"));
    const later = await notification(reader.id, "2026-05-02T12:00:00Z");
    const evenLater = await notification(reader.id, "2026-05-03T05:59:00Z");
    await queueDigests(new Date("2026-05-03T06:00:00Z"));
    await queueDigests(new Date("2026-05-04T06:00:00Z"));

    const digests = await digestsOf(reader.id);
    expect(digests.map((digest) => digest.key)).toEqual([`digest:${reader.id}:2026-05-02`, `digest:${reader.id}:2026-05-03`]);
    expect(digests[1]!.subject).toBe("Your daily digest: 2 notifications");
    expect(digests[1]!.text).toContain(later.title);
    expect(digests[1]!.text).toContain(evenLater.title);
    expect(digests[1]!.text).not.toContain(digests[0]!.text.match(/Report \w+/)![0]);
  });

  it("lists, in the next digest, a notification made before a digest but committed after it, and no notification twice", async () => {
    const reader = await person();
    const listed = await notification(reader.id, "2026-07-01T05:00:00Z");
    await queueDigests(new Date("2026-07-01T06:00:00Z"));
    // Its transaction began at 05:59:50 (its createdAt) and committed after the 06:00 digest had read.
    const late = await notification(reader.id, "2026-07-01T05:59:50Z");
    await queueDigests(new Date("2026-07-02T06:00:00Z"));

    const digests = await digestsOf(reader.id);
    expect(digests).toHaveLength(2);
    expect(digests[0]!.text).toContain(listed.title);
    expect(digests[1]!.text).toContain(late.title);
    expect(digests[1]!.text).not.toContain(listed.title);
  });

  it("lists the oldest 50 of a busy day and says how many more wait in the inbox", async () => {
    const reader = await person();
    const made = [];
    for (let minute = 0; minute < 53; minute += 1) made.push(await notification(reader.id, `2026-08-01T10:${String(minute).padStart(2, "0")}:00Z`));
    await queueDigests(new Date("2026-08-02T06:00:00Z"));

    const [digest] = await digestsOf(reader.id);
    expect(digest!.subject).toBe("Your daily digest: 53 notifications");
    for (const item of made.slice(0, 50)) expect(digest!.text).toContain(item.title);
    for (const item of made.slice(50)) expect(digest!.text).not.toContain(item.title);
    expect(digest!.text).toContain("And 3 more in your inbox: https://tracker.example.org/notifications?unread=true");
    expect(digest!.html).toContain('<a href="https://tracker.example.org/notifications?unread=true">And 3 more in your inbox</a>');
    // The next digest does not list them again.
    await queueDigests(new Date("2026-08-03T06:00:00Z"));
    expect(await digestsOf(reader.id)).toHaveLength(1);
  });

  it("leaves out whoever gets those kinds in the app, by email at once or not at all, and deactivated accounts", async () => {
    const inApp = await person();
    await updateNotificationPreferences(inApp, { followed_change: "app" });
    const inactive = await person();
    await db().user.update({ where: { id: inactive.id }, data: { active: false } });
    for (const someone of [inApp, inactive]) await notification(someone.id, "2026-06-01T10:00:00Z");
    await queueDigests(new Date("2026-06-02T06:00:00Z"));
    for (const someone of [inApp, inactive]) expect(await digestsOf(someone.id)).toEqual([]);
  });
});
