import "server-only";
import { kindLabelValues } from "@/domain/notification-kinds";
import type { Transaction } from "../db/client";
import type { Locale, NotificationDelivery, NotificationKind } from "../db/generated/enums";
import { publicOrigin } from "../env";
import { escapeHtml } from "../html";
import { notificationText, readerIn, type NotificationValues, type Reader } from "../notification-text";
import { unsubscribeUrl } from "../unsubscribe";
import { queueEmails, type EmailToQueue } from "./deliveries";

// The emails of notifications, written in the recipient's language when they
// are queued (the ledger keeps the text that was sent): plain text and a
// simple HTML twin with every value escaped, an absolute link to the page, and
// a footer saying why the email came with a signed one-click unsubscribe.

/** The person an email goes to, as the notification's query read them. */
export interface EmailRecipient {
  id: string;
  name: string;
  locale: Locale;
}

/** A notification an email tells of: its kind and values (its sentence), and the page it is about. */
interface ListedNotification {
  kind: NotificationKind;
  values: NotificationValues;
  link: string;
}

/** An email lists this many notifications at most; it counts the rest, which wait in the inbox. */
const emailItemsAtMost = 50;

/**
 * The text and HTML of an email: greeting, the notifications (one, or a list
 * of at most emailItemsAtMost with a link to the inbox for the rest), and the
 * footer.
 */
export function composeEmail(reader: Reader, recipient: EmailRecipient, parts: { intro?: string; notifications: readonly ListedNotification[]; why: string; unsubscribe: string }) {
  const { t, locale } = reader;
  const items = parts.notifications.slice(0, emailItemsAtMost).map((notification) => ({ text: notificationText(reader, notification), link: `${publicOrigin()}${notification.link}` }));
  const rest = parts.notifications.length - items.length;
  const more = rest > 0 ? { text: t("notifications.email.moreInInbox", { count: rest }), link: `${publicOrigin()}/notifications?unread=true` } : undefined;
  const greeting = t("notifications.email.greeting", { name: recipient.name });
  const open = t("notifications.email.open");
  const unsubscribe = t("notifications.email.unsubscribe");
  const preferences = t("notifications.email.preferences");
  const preferencesLink = `${publicOrigin()}/profile#notifications`;
  const single = items.length === 1 && !parts.intro;

  const text = [
    greeting,
    ...(parts.intro ? [parts.intro] : []),
    single ? `${items[0]!.text}\n\n${open}: ${items[0]!.link}` : items.map((item) => `- ${item.text}\n  ${item.link}`).join("\n\n"),
    ...(more ? [`${more.text}: ${more.link}`] : []),
    `-- \n${parts.why}\n${unsubscribe}: ${parts.unsubscribe}\n${preferences}: ${preferencesLink}`,
  ].join("\n\n");

  const link = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
  const body = single
    ? `<p>${escapeHtml(items[0]!.text)}</p>\n<p>${link(items[0]!.link, open)}</p>`
    : `${parts.intro ? `<p>${escapeHtml(parts.intro)}</p>\n` : ""}<ul>\n${items.map((item) => `<li>${escapeHtml(item.text)} ${link(item.link, open)}</li>`).join("\n")}\n</ul>`;
  const html = [
    `<!doctype html>\n<html lang="${locale}">\n<body style="font-family: sans-serif; line-height: 1.5">`,
    `<p>${escapeHtml(greeting)}</p>`,
    body,
    ...(more ? [`<p>${link(more.link, more.text)}</p>`] : []),
    `<hr>\n<p style="font-size: small; color: #444">${escapeHtml(parts.why)}<br>\n${link(parts.unsubscribe, unsubscribe)} · ${link(preferencesLink, preferences)}</p>`,
    "</body>\n</html>",
  ].join("\n");
  return { text, html };
}

/**
 * A subject line for a mail client's list: the sentence on one line (a
 * comment or title may hold line breaks), cut at a word with an ellipsis past
 * 150 characters.
 */
function subjectOf(sentence: string): string {
  const line = sentence.replace(/\s+/g, " ").trim();
  if (line.length <= 150) return line;
  const cut = line.slice(0, 149);
  const lastSpace = cut.lastIndexOf(" ");
  return `${lastSpace > 100 ? cut.slice(0, lastSpace) : cut}…`;
}

/** A notification just added to the ledger, with its recipient and their delivery for its kind. */
export interface AddedNotification {
  recipientId: string;
  name: string;
  locale: Locale;
  delivery: NotificationDelivery;
  kind: NotificationKind;
  recordId: string;
  period: string;
  values: NotificationValues;
  link: string;
}

/**
 * Queues, in the transaction that added the notifications, the email at once
 * of those whose recipient gets their kind by email: one per recipient and
 * kind, listing them when there are several (a day's reminders can escalate
 * thousands of milestones to a manager: one email, not thousands). Its key is
 * the ledger key of its first notification, so it is queued once whoever
 * makes the notifications.
 */
export async function queueEmailsAtOnce(tx: Transaction, added: readonly AddedNotification[]) {
  const byRecipientAndKind = Map.groupBy(
    added.filter((notification) => notification.delivery === "email"),
    (notification) => `${notification.recipientId}:${notification.kind}`,
  );
  const emails: EmailToQueue[] = [...byRecipientAndKind.values()].map((group) => {
    const first = group[0]!;
    const recipient = { id: first.recipientId, name: first.name, locale: first.locale };
    const reader = readerIn(recipient.locale);
    const unsubscribe = unsubscribeUrl(recipient.id, [first.kind]);
    const kindLabel = reader.t(`notifications.preferences.kinds.${first.kind}`, kindLabelValues(first.kind));
    const why = reader.t("notifications.email.whyAtOnce", { kind: kindLabel });
    const several = group.length > 1;
    return {
      userId: recipient.id,
      kind: `notification.${first.kind}`,
      key: `notification:${recipient.id}:${first.kind}:${first.recordId}:${first.period}`,
      subject: several ? reader.t("notifications.email.groupSubject", { kind: kindLabel, count: group.length }) : subjectOf(notificationText(reader, first)),
      ...composeEmail(reader, recipient, {
        ...(several ? { intro: reader.t("notifications.email.groupIntro", { count: group.length }) } : {}),
        notifications: group,
        why,
        unsubscribe,
      }),
      link: several ? `${publicOrigin()}/notifications?unread=true` : `${publicOrigin()}${first.link}`,
      listUnsubscribeUrl: unsubscribe,
    };
  });
  await queueEmails(tx, emails);
}
