import "server-only";
import type { Messages } from "next-intl";
// use-intl's core, which next-intl is built on, rather than next-intl itself:
// the job worker runs outside Next.js with the react-server condition, where
// next-intl's entry point pulls in React's client hooks and fails to load.
import { createFormatter, createTranslator } from "use-intl/core";
import en from "@/messages/en.json";
import es from "@/messages/es.json";
import type { Locale, NotificationKind } from "./db/generated/enums";

// A notification's sentence in a reader's language: the inbox renders it with
// the page's translator, the emails (sent by the job worker, outside any
// request) with the recipient's.

type Translate = ReturnType<typeof createTranslator<Messages>>;

/** The message values of a notification: plain strings and numbers, dates as ISO days. */
export type NotificationValues = Record<string, string | number>;

/**
 * A notification's values for a reader: a plan text keeps its Spanish beside
 * its English as `<key>Es` (as the plan had them when the notification was
 * written), and a reader in Spanish gets it where there is one.
 */
function valuesIn(locale: Locale, values: NotificationValues): NotificationValues {
  const chosen: NotificationValues = {};
  for (const [key, value] of Object.entries(values)) {
    if (key.endsWith("Es")) continue;
    const spanish = values[`${key}Es`];
    chosen[key] = locale === "es" && typeof spanish === "string" && spanish !== "" ? spanish : value;
  }
  return chosen;
}

/**
 * A notification's sentence in the reader's language (the inbox's and the
 * email's), from the values kept with it: plan texts in the reader's
 * language where written, days formatted by `day` for the locale, a status
 * named in it.
 */
export function notificationText(reader: { locale: Locale; t: Translate; day: (isoDay: string) => string }, notification: { kind: NotificationKind; values: NotificationValues }): string {
  const { t, day } = reader;
  const values = valuesIn(reader.locale, notification.values);
  for (const key of ["dueDate", "periodEnd", "day"]) {
    const value = values[key];
    if (typeof value === "string") values[key] = day(value);
  }
  if (typeof values.status === "string") values.status = t(`status.${values.status}` as "status.in_progress");
  return t(`notifications.kinds.${notification.kind}`, values);
}

const catalogues: Record<Locale, Messages> = { en, es };

function readerOf(locale: Locale) {
  const t = createTranslator({ locale, messages: catalogues[locale] });
  const format = createFormatter({ locale, timeZone: "UTC" });
  const day = (isoDay: string) => format.dateTime(new Date(`${isoDay}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const list = (items: string[]) => format.list(items, { type: "conjunction" });
  return { locale, t, day, list };
}

export type Reader = ReturnType<typeof readerOf>;

// One per language for the process: an event's emails and a day's digests read the same catalogue many times over.
const readers = new Map<Locale, Reader>();

/** The translator and day format of a language, as a page in it has them (UTC). */
export function readerIn(locale: Locale): Reader {
  let reader = readers.get(locale);
  if (!reader) {
    reader = readerOf(locale);
    readers.set(locale, reader);
  }
  return reader;
}
