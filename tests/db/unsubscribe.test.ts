// The signed one-click unsubscribe of an email (server/unsubscribe.ts,
// answered at /unsubscribe): no sign-in, the page in the person's language
// says what will stop, a POST (the page's form or a mail client's RFC 8058
// one-click) sets those kinds to "in the app only", audited, once; a token
// not signed by the tracker is refused with 400.
import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client";
import { getNotificationPreferences } from "../../server/notification-preferences";
import { notifyRoundOpened } from "../../server/notifications";
import { answerUnsubscribe } from "../../server/unsubscribe";
import { actorOf, createActor, createRound, createUser } from "../factories";

/** A Spanish-speaking reviewer told of a round opened, and the unsubscribe link of the email that told them. */
async function emailedReviewer() {
  const user = await createUser({ roles: ["reviewer"] });
  const reviewer = actorOf(await db().user.update({ where: { id: user.id }, data: { locale: "es" } }));
  const manager = await createActor(["manager"]);
  const round = await createRound({ openedById: manager.id });
  await db().$transaction((tx) => notifyRoundOpened(tx, manager, { id: round.id, title: round.title, periodEnd: "2025-12-31" }));
  const { listUnsubscribeUrl } = await db().emailDelivery.findFirstOrThrow({ where: { userId: reviewer.id } });
  return { reviewer, link: listUnsubscribeUrl! };
}

const oneClick = (link: string) =>
  answerUnsubscribe(new Request(link, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" }));

const deliveryOf = async (reviewer: Parameters<typeof getNotificationPreferences>[0], kind: string) =>
  (await getNotificationPreferences(reviewer)).find((preference) => preference.kind === kind)!.delivery;

const auditsOf = (userId: string) => db().auditEvent.findMany({ where: { actorId: userId, action: "notification.preferences.update" } });

describe("the unsubscribe link", () => {
  it("shows, without a session, in the person's language, what it stops, with a form that works without script; changes nothing by itself", async () => {
    const { reviewer, link } = await emailedReviewer();
    const answer = await answerUnsubscribe(new Request(link));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await answer.text();
    expect(page).toContain('lang="es"');
    expect(page).toContain("Se abrió una ronda de evaluación");
    expect(page).toMatch(/<form method="post" action="\/unsubscribe\?token=[\w.-]+">/);
    expect(page).toContain('name="List-Unsubscribe" value="One-Click"');
    expect(await deliveryOf(reviewer, "round_opened")).toBe("email");
  });

  it("one click (RFC 8058) sets the kind to in the app only, with an audit event; a second click changes nothing", async () => {
    const { reviewer, link } = await emailedReviewer();
    const first = await oneClick(link);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("ya no recibirá correos");
    expect(await deliveryOf(reviewer, "round_opened")).toBe("app");
    expect(await deliveryOf(reviewer, "assessment_returned")).toBe("email");
    expect(await auditsOf(reviewer.id)).toEqual([expect.objectContaining({ entityId: reviewer.id, before: { round_opened: "email" }, after: { round_opened: "app" } })]);

    const again = await oneClick(link);
    expect(again.status).toBe(200);
    expect(await auditsOf(reviewer.id)).toHaveLength(1);
  });

  it("refuses a forged, altered or missing token with 400 and a page saying so, and changes nothing", async () => {
    const { reviewer, link } = await emailedReviewer();
    const other = await createUser({ roles: ["reviewer"] });
    const token = new URL(link).searchParams.get("token")!;
    const [payload, signature] = token.split(".");
    const forgedPayload = Buffer.from(`${other.id}:round_opened`).toString("base64url");
    const bad = [
      `${forgedPayload}.${signature}`,
      `${payload}.${signature!.slice(1)}A`,
      `${Buffer.from(`${reviewer.id}:round_opened,no_such_kind`).toString("base64url")}.${signature}`,
      "",
      "not-a-token",
    ];
    for (const each of bad) {
      const address = `https://tracker.example.org/unsubscribe?token=${encodeURIComponent(each)}`;
      for (const answer of [await answerUnsubscribe(new Request(address, { headers: { "accept-language": "en" } })), await oneClick(address)]) {
        expect(answer.status, each).toBe(400);
        expect(await answer.text()).toContain("This unsubscribe link is not valid");
      }
    }
    expect(await answerUnsubscribe(new Request("https://tracker.example.org/unsubscribe"))).toHaveProperty("status", 400);
    expect(await deliveryOf(reviewer, "round_opened")).toBe("email");
    expect(await auditsOf(reviewer.id)).toEqual([]);
  });
});
