import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIResponse } from "@playwright/test";
import { discoverRoutes, projectRoot } from "../scripts/lib/routes";
import { contextOf, demoRecords, fill } from "./demo-records";
import { apiRules, everyone, pageRules, pathOf, type PageRefusal } from "./route-rules";

// Every page and API row of e2e/route-rules.ts, requested over HTTP
// anonymously and as each demo role (the sessions e2e/auth.setup.ts signed
// in), against the production build. Requests go through an API request
// context, with no page rendered and no redirect followed, so that each answer
// is the route's own. Writes are probed with requests the permission check
// refuses before anything is written (see ApiRule): an allowed role gets the
// refusal that follows the permission check (400, 409, 404), a refused one 403.

const english = JSON.parse(readFileSync(path.join(projectRoot, "messages", "en.json"), "utf8")) as Record<string, unknown>;
const message = (key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], english) as string;

const baseURL = () => test.info().project.use.baseURL!;

function locationPath(response: APIResponse): string | null {
  const location = response.headers().location;
  return location ? new URL(location, baseURL()).pathname : null;
}

const isRedirect = (status: number) => status >= 300 && status < 400;

const htmlEscaped = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

/**
 * Whether the page shows the text as an element's content. Every message also
 * travels in the page's data for the client (as a JSON string), so the text
 * alone being in the HTML says nothing.
 */
function shownAsText(html: string, text: string): boolean {
  return html.includes(`>${htmlEscaped(text)}<`);
}

/** What a page answered, in the table's words, or a description of an answer that fits no outcome. */
async function pageOutcome(response: APIResponse, refusal: PageRefusal | undefined): Promise<string> {
  const status = response.status();
  if (isRedirect(status)) return locationPath(response) === "/signin" ? "signIn" : "away";
  if (status === 404) return "hidden";
  // Only forbidden() answers a page with 403 (its message is drawn from the page's data, as the not-found page's is).
  if (status === 403 && refusal === "forbidden") return "refused";
  if (status === 200) {
    if (refusal && refusal !== "forbidden" && shownAsText(await response.text(), message(refusal.notice))) return "refused";
    return "allowed";
  }
  return `status ${status}`;
}

function apiOutcome(response: APIResponse, route: string, allowedStatus: number): string {
  const status = response.status();
  if (status === allowedStatus) return "allowed";
  if (status === 403) return "refused";
  if (status === 404) return "hidden";
  // Outside /api the proxy sends anonymous visitors to sign in like any page.
  if (status === 401 && pathOf(route).startsWith("/api/")) return "signIn";
  if (isRedirect(status) && locationPath(response) === "/signin" && !pathOf(route).startsWith("/api/")) return "signIn";
  return `status ${status}`;
}

test("every page and API route found in app/ has a rule, and every rule a route", () => {
  const found = discoverRoutes();
  expect(found.pages.filter((page) => !pageRules.some((rule) => rule.page === page)), "pages without a rule").toEqual([]);
  expect(pageRules.map((rule) => rule.page).filter((page) => !found.pages.includes(page)), "rules of pages that no longer exist").toEqual([]);
  expect(found.api.filter((route) => !apiRules.some((rule) => rule.route === route)), "routes without a rule").toEqual([]);
  expect(apiRules.map((rule) => rule.route).filter((route) => !found.api.includes(route)), "rules of routes that no longer exist").toEqual([]);
});

for (const who of everyone) {
  test(`${who === "anonymous" ? "an anonymous visitor" : `the demo ${who}`} gets from every page and API route what the design's rules say`, async ({ playwright }) => {
    const [admin, staff, context] = await Promise.all([contextOf(playwright, "admin"), contextOf(playwright, "staff"), contextOf(playwright, who)]);
    const records = await demoRecords(admin, staff);
    const wrong: string[] = [];

    for (const rule of pageRules) {
      for (const { record, expect: expected } of rule.cases) {
        const address = fill(rule.page, record, records);
        const got = await pageOutcome(await context.get(address, { maxRedirects: 0 }), rule.refusal);
        if (got !== expected[who]) wrong.push(`page ${address} (${rule.page}): expected ${expected[who]}, got ${got}`);
      }
    }

    for (const rule of apiRules) {
      const method = rule.route.split(" ")[0]!;
      for (const { record, expect: expected } of rule.cases) {
        const address = fill(rule.route, record, records);
        const response = await context.fetch(address, { method, maxRedirects: 0, ...(rule.body === undefined ? {} : { data: rule.body }) });
        const got = apiOutcome(response, rule.route, rule.allowedStatus ?? 200);
        if (got !== expected[who]) wrong.push(`${method} ${address} (${rule.route}): expected ${expected[who]}, got ${got}`);
      }
    }

    await Promise.all([admin.dispose(), staff.dispose(), context.dispose()]);
    expect(wrong).toEqual([]);
  });
}
