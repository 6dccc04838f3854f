import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { clientNamespaces, pickNamespaces, type ClientComponent } from "@/i18n/client-namespaces";

/**
 * Sends the client only the messages of the client components rendered inside,
 * instead of the whole catalogue on every page (in the HTML and again in its
 * RSC payload). It replaces any outer provider's messages for what it wraps.
 */
export async function ClientMessages({ of, children }: { of: ClientComponent[]; children: ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={pickNamespaces(messages, of.flatMap((component) => clientNamespaces[component]))}>{children}</NextIntlClientProvider>;
}
