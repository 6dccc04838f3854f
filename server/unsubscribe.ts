import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { kindLabelValues } from "@/domain/notification-kinds";
import { acceptedLocale } from "@/i18n/locales";
import { db } from "./db/client";
import { NotificationKind } from "./db/generated/enums";
import { publicOrigin } from "./env";
import { escapeHtml } from "./html";
import { getNotificationPreferences, updateNotificationPreferences } from "./notification-preferences";
import { readerIn, type Reader } from "./notification-text";
import type { Actor } from "./permissions";

// The one-click unsubscribe link of an email: a token that names a person and
// the kinds of notification the email was sent for, signed with a key derived
// from NEXTAUTH_SECRET, so that the link works without signing in and no one
// can make one for another person or kind. /unsubscribe shows what it stops
// with a form (no script needed); its POST, the form's or a mail client's
// one-click (RFC 8058), sets those kinds to "in the app only": the person
// still finds them in their inbox.

function signingKey(): Buffer {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: it signs the unsubscribe links of emails (npm start generates one).");
  // A key of its own, so that this signature can never pass for one of the secret's other uses.
  return createHmac("sha256", secret).update("tracker.unsubscribe.v1").digest();
}

const signatureOf = (payload: string) => createHmac("sha256", signingKey()).update(payload).digest();

/** The token of (person, kinds): the pair in base64url, a dot, and its HMAC-SHA256 in base64url. */
function unsubscribeToken(userId: string, kinds: readonly NotificationKind[]): string {
  const payload = Buffer.from(`${userId}:${[...kinds].sort().join(",")}`, "utf8").toString("base64url");
  return `${payload}.${signatureOf(payload).toString("base64url")}`;
}

/** The absolute unsubscribe link of (person, kinds), for an email's footer and its List-Unsubscribe header. */
export function unsubscribeUrl(userId: string, kinds: readonly NotificationKind[]): string {
  return `${publicOrigin()}/unsubscribe?token=${unsubscribeToken(userId, kinds)}`;
}

const knownKinds = new Set<string>(Object.values(NotificationKind));

/** The person and kinds a token names, or null unless the tracker signed it (compared in constant time). */
function readToken(token: string): { userId: string; kinds: NotificationKind[] } | null {
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length > 0) return null;
  const expected = signatureOf(payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [userId, kinds] = Buffer.from(payload, "base64url").toString("utf8").split(":");
  const named = (kinds ?? "").split(",");
  if (!userId || !named.every((kind) => knownKinds.has(kind))) return null;
  return { userId, kinds: named as NotificationKind[] };
}

/** Deliveries that send email; the others ("app", "off") send none to stop. */
const emailDeliveries = new Set(["email", "digest"]);

/**
 * Stops the emails of the token's kinds: each sent by email (at once or in
 * the digest) becomes "in the app only", through the profile's own update,
 * so the change is audited as the person's. Running it again changes nothing.
 */
async function stopEmails(person: Actor, kinds: readonly NotificationKind[]) {
  const current = await getNotificationPreferences(person);
  const changes = Object.fromEntries(kinds.filter((kind) => emailDeliveries.has(current.find((each) => each.kind === kind)!.delivery)).map((kind) => [kind, "app"]));
  await updateNotificationPreferences(person, changes);
}

/** The account a token names, as the actor of its own preference change. */
async function personOf(userId: string): Promise<Actor | null> {
  return db().user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true, roles: true, agencyId: true, locale: true } });
}

function page(reader: Reader, status: number, body: string): Response {
  const { t, locale } = reader;
  const html = `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(t("unsubscribe.title"))}</title></head>
<body>
<main>
<h1>${escapeHtml(t("unsubscribe.title"))}</h1>
${body}
</main>
</body>
</html>
`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer" } });
}

/**
 * The answer of /unsubscribe?token=…: GET shows what the link stops and the
 * button; POST stops it. A token the tracker did not sign, or of an account
 * that no longer exists, gets 400 in the browser's language.
 */
export async function answerUnsubscribe(request: Request): Promise<Response> {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const named = readToken(token);
  const person = named ? await personOf(named.userId) : null;
  if (!named || !person) {
    const reader = readerIn(acceptedLocale(request.headers.get("accept-language")));
    return page(reader, 400, `<p>${escapeHtml(reader.t("unsubscribe.invalid"))}</p>`);
  }
  const reader = readerIn(person.locale);
  const { t } = reader;
  if (request.method === "POST") await stopEmails(person, named.kinds);
  const current = await getNotificationPreferences(person);
  const stillSent = named.kinds.some((kind) => emailDeliveries.has(current.find((each) => each.kind === kind)!.delivery));
  const kinds = `<ul>\n${named.kinds.map((kind) => `<li>${escapeHtml(t(`notifications.preferences.kinds.${kind}`, kindLabelValues(kind)))}</li>`).join("\n")}\n</ul>`;
  const profile = `<p><a href="${escapeHtml(`${publicOrigin()}/profile#notifications`)}">${escapeHtml(t("unsubscribe.profile"))}</a></p>`;
  if (request.method === "POST") return page(reader, 200, `<p role="status">${escapeHtml(t("unsubscribe.done"))}</p>\n${kinds}\n${profile}`);
  if (!stillSent) return page(reader, 200, `<p>${escapeHtml(t("unsubscribe.already"))}</p>\n${kinds}\n${profile}`);
  return page(
    reader,
    200,
    `<p>${escapeHtml(t("unsubscribe.confirm", { email: person.email }))}</p>
${kinds}
<form method="post" action="/unsubscribe?token=${escapeHtml(token)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">${escapeHtml(t("unsubscribe.button"))}</button>
</form>
${profile}`,
  );
}
