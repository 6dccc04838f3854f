import "server-only";
import type { createFormatter, createTranslator, Messages } from "next-intl";
import { publicHref } from "@/components/public/addresses";
import type { AppLocale } from "@/i18n/locales";
import { atomDocument, type AtomEntry } from "./atom";
import { ensurePublicSite, standingPublicVerdicts } from "./public-record";
import { publicRoundReports } from "./public-rounds";
import { verdictText } from "./verdict-text";

// The public record's Atom feed, one per language (/public/en/feed.xml,
// /public/es/feed.xml): the standing published assessments and the closed
// rounds' frozen reports, each with its two digests, newest first. It reads
// through the public record's own reads, so it holds nothing they do not
// show. An entry's id is its page's address without the language, the same
// in both languages' feeds and in every fetch.

/** How many of each kind the feed lists, the newest: a reader polls it, never pages through it. */
const entriesOfEachKind = 50;

type Translate = ReturnType<typeof createTranslator<Messages>>;
type Format = ReturnType<typeof createFormatter>;

/** The feed in a language, as an Atom 1.0 document; `origin` makes its addresses absolute. */
export async function publicFeed({ locale, t, format, origin }: { locale: AppLocale; t: Translate; format: Format; origin: string }): Promise<string> {
  ensurePublicSite();
  const [published, rounds] = await Promise.all([standingPublicVerdicts({}, [{ publishedAt: "desc" }, { id: "asc" }], entriesOfEachKind), publicRoundReports()]);
  const page = (path: string) => `${origin}${publicHref(locale, path)}`;
  const permanent = (path: string) => `${origin}/public${path}`;
  const day = (date: Date) => format.dateTime(date, { dateStyle: "long", timeZone: "UTC" });

  const assessments = published.map(({ pillar, round, verdict }): AtomEntry => {
    const anchor = `/pillars/${pillar.number}#assessment-${verdict.id}`;
    const subject = verdict.commitment?.title ?? t("public.pillar.wholePillar");
    return {
      id: permanent(anchor),
      title:
        verdict.kind === "independent"
          ? t("public.feed.independentTitle", { number: pillar.number, pillar: pillar.name, subject, reviewer: verdict.reviewer ?? "" })
          : t("public.feed.selfTitle", { number: pillar.number, pillar: pillar.name, subject, agency: verdict.agency ?? "" }),
      updated: verdict.publishedAt,
      published: verdict.publishedAt,
      author: verdict.reviewer ?? verdict.agency ?? undefined,
      links: [{ rel: "alternate", type: "text/html", href: page(anchor) }],
      summary: t("public.feed.assessmentSummary", { verdict: verdictText(t, verdict), round: round.title, edition: verdict.edition }),
      content: verdict.narrative,
    };
  });
  const reports = rounds.map((round): AtomEntry => {
    // A frozen report's round is closed: closedAt is always set.
    const closedAt = round.closedAt ?? round.periodEnd;
    return {
      id: permanent(`/rounds/${round.roundId}`),
      title: t("report.title", { title: round.title }),
      updated: closedAt,
      published: closedAt,
      links: [
        { rel: "alternate", type: "text/html", href: page(`/rounds/${round.roundId}`) },
        { rel: "related", type: "application/json", href: permanent(`/rounds/${round.roundId}.json`) },
      ],
      summary: t("public.feed.roundSummary", { start: day(round.periodStart), end: day(round.periodEnd), sha256: round.sha256, chainDigest: round.chainDigest, position: round.position }),
    };
  });

  return atomDocument({
    id: page("/feed.xml"),
    title: t("public.feed.title"),
    subtitle: t("public.feed.subtitle"),
    language: locale,
    author: t("public.siteName"),
    links: [
      { rel: "self", type: "application/atom+xml", href: page("/feed.xml") },
      { rel: "alternate", type: "text/html", href: page("") },
    ],
    entries: [...assessments, ...reports].sort((a, b) => b.updated.getTime() - a.updated.getTime()),
  });
}
