import { getFormatter, getTranslations } from "next-intl/server";
import { publicLocale } from "@/components/public/addresses";
import { publicOrigin } from "@/server/env";
import { apiRoute } from "@/server/http";
import { publicFeed } from "@/server/public-feed";

// /public/en/feed.xml and /public/es/feed.xml; /public/feed.xml in the browser's language.
export const GET = apiRoute(async () => {
  const [locale, t, format] = await Promise.all([publicLocale(), getTranslations(), getFormatter()]);
  const feed = await publicFeed({ locale, t, format, origin: publicOrigin() });
  return new Response(feed, { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
});
