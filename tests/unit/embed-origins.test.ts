// EMBED_ALLOWED_ORIGINS (server/env.ts): the sites that may frame the
// embeddable cards, written into their frame-ancestors. Anything but origins
// stops the server at start, naming the variable and the entry.
import { describe, expect, it } from "vitest";
import { embedAllowedOrigins } from "../../server/env";

describe("embedAllowedOrigins", () => {
  it("allows no site when unset or blank", () => {
    expect(embedAllowedOrigins({})).toEqual([]);
    expect(embedAllowedOrigins({ EMBED_ALLOWED_ORIGINS: "  " })).toEqual([]);
  });

  it("reads comma-separated origins, spaces around them dropped, each once", () => {
    expect(embedAllowedOrigins({ EMBED_ALLOWED_ORIGINS: "https://news.example.org, http://localhost:8080 ,https://news.example.org" })).toEqual([
      "https://news.example.org",
      "http://localhost:8080",
    ]);
  });

  it.each([
    ["*", /"\*" is not an origin/],
    ["'self'", /"'self'" is not an origin/],
    ["news.example.org", /"news.example.org" is not an origin/],
    ["https://news.example.org/", /"https:\/\/news.example.org\/" is not an origin/],
    ["https://news.example.org/embeds", /no path/],
    ["https://*.example.org", /is not an origin/],
    ["ftp://files.example.org", /is not an origin/],
    ["https://a.example.org,", /"" is not an origin/],
    ["https://a.example.org; script-src *", /is not an origin/],
  ])("refuses %s, naming the variable and the entry", (value, message) => {
    expect(() => embedAllowedOrigins({ EMBED_ALLOWED_ORIGINS: value })).toThrow(/^EMBED_ALLOWED_ORIGINS must be comma-separated origins: /);
    expect(() => embedAllowedOrigins({ EMBED_ALLOWED_ORIGINS: value })).toThrow(message);
  });
});
