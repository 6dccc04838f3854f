import "server-only";

// An Atom 1.0 document (RFC 4287), written here rather than with a feed
// library: the `feed` package writes every title, summary and content as
// type="html" inside CDATA, so a narrative holding `<` would be read as
// markup by feed readers unless escaped as HTML first, and it keeps the
// characters XML 1.0 forbids, which make the document ill-formed. Every text
// here is type="text", escaped for XML and cleared of those characters.

interface AtomLink {
  href: string;
  rel: "alternate" | "related" | "self";
  type?: string;
}

export interface AtomEntry {
  /** A permanent IRI, the same in every fetch of the feed. */
  id: string;
  title: string;
  updated: Date;
  published?: Date;
  /** Omitted for the feed's own author. */
  author?: string;
  summary: string;
  content?: string;
  links: AtomLink[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle: string;
  /** The feed's language, `xml:lang` of the whole document. */
  language: string;
  author: string;
  links: AtomLink[];
  entries: AtomEntry[];
}

/** The characters an XML 1.0 document may hold: any other (a control character, a lone surrogate) makes it ill-formed. */
const notXmlCharacters = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text as XML character data or an attribute's value. */
function escaped(text: string): string {
  return text.replace(notXmlCharacters, "").replace(/[&<>"']/g, (character) => escapes[character]!);
}

const element = (name: string, text: string) => `<${name}>${escaped(text)}</${name}>`;
const link = ({ href, rel, type }: AtomLink) => `<link rel="${rel}" href="${escaped(href)}"${type ? ` type="${escaped(type)}"` : ""}/>`;
const person = (name: string) => `<author>${element("name", name)}</author>`;

/** The feed's update is its latest entry's; a feed without entries says it has not changed since the epoch. */
function latest(entries: AtomEntry[]): Date {
  return new Date(Math.max(0, ...entries.map((entry) => entry.updated.getTime())));
}

/** The feed as an Atom 1.0 document in UTF-8. */
export function atomDocument(feed: AtomFeed): string {
  const entries = feed.entries.map((entry) =>
    [
      "<entry>",
      element("id", entry.id),
      element("title", entry.title),
      element("updated", entry.updated.toISOString()),
      entry.published ? element("published", entry.published.toISOString()) : "",
      entry.author ? person(entry.author) : "",
      ...entry.links.map(link),
      element("summary", entry.summary),
      entry.content ? element("content", entry.content) : "",
      "</entry>",
    ].join(""),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escaped(feed.language)}">`,
    element("id", feed.id),
    element("title", feed.title),
    element("subtitle", feed.subtitle),
    element("updated", latest(feed.entries).toISOString()),
    person(feed.author),
    ...feed.links.map(link),
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}
