import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { publicSiteOn } from "@/server/public-record";

// The embeddable cards: public figures for another site's frame, in the
// language of `?lang=` (proxy.ts), with no cookie and no sign-in. Search
// engines are sent to the public pages they link to instead.
export const metadata: Metadata = { robots: { index: false } };

export default function EmbedLayout({ children }: { children: ReactNode }) {
  if (!publicSiteOn()) notFound();
  return children;
}
