import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { discoverRoutes, projectRoot } from "../scripts/lib/routes";
import { apiRules, everyone, pageRules, pathOf, type DemoRecord, type PageRefusal, type Who } from "./route-rules";
import { storageStateOf } from "./users";

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

async function contextOf(playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } }, who: Who) {
  return playwright.request.newContext({ baseURL: baseURL(), storageState: who === "anonymous" ? { cookies: [], origins: [] } : storageStateOf(who) });
}

async function dataOf<T>(response: APIResponse): Promise<T> {
  expect(response.status(), response.url()).toBe(200);
  return ((await response.json()) as { data: T }).data;
}

/** The demo records that fill the dynamic segments, read through the API as the admin (who sees everything) and the staff member. */
async function demoRecords(admin: APIRequestContext, staff: APIRequestContext): Promise<Record<DemoRecord, string>> {
  const [rounds, assessments, evidence, mine, commitments, pillars, users] = await Promise.all([
    dataOf<{ id: string; status: string }[]>(await admin.get("/api/v1/rounds")),
    dataOf<{ id: string; state: string; round: { status: string } }[]>(await admin.get("/api/v1/assessments?state=published")),
    dataOf<{ id: string }[]>(await admin.get("/api/v1/evidence")),
    dataOf<{ id: string }[]>(await staff.get("/api/v1/milestones?mine=true")),
    dataOf<{ id: string }[]>(await admin.get("/api/v1/commitments")),
    dataOf<{ id: string; number: number }[]>(await admin.get("/api/v1/pillars")),
    dataOf<{ id: string; email: string }[]>(await admin.get("/api/v1/users")),
  ]);
  const first = <T>(rows: T[], what: string): T => {
    expect(rows.length, `the demo data has ${what}`).toBeGreaterThan(0);
    return rows[0]!;
  };
  return {
    "round.closed": first(rounds.filter((round) => round.status === "closed"), "a closed round").id,
    // In a closed round, so that an allowed amendment is refused (409) whatever other tests opened and published meanwhile.
    "assessment.published": first(
      assessments.filter((assessment) => assessment.state === "published" && assessment.round.status === "closed"),
      "a published assessment of a closed round",
    ).id,
    evidence: first(evidence, "evidence").id,
    "milestone.ofStaff": first(mine, "a milestone of the staff member").id,
    commitment: first(commitments, "a commitment").id,
    pillar: first(pillars, "a pillar").id,
    pillarNumber: String(first(pillars, "a pillar").number),
    user: first(users.filter((user) => user.email === "everywhere@e2e.local"), "the e2e account of this kind of test").id,
    // Well formed, so that the answer is about the record, not the address.
    missing: "no-such-record-0000",
    "nextAuth.session": "session",
    "nextAuth.signIn": "signin",
  };
}

function fill(route: string, record: DemoRecord | undefined, records: Record<DemoRecord, string>): string {
  const address = pathOf(route);
  const segments = address.match(/\[[^\]]+\]/g) ?? [];
  if (segments.length !== (record ? 1 : 0)) throw new Error(`${route}: a case fills one dynamic segment with its record, or none without one`);
  return record ? address.replace(segments[0]!, encodeURIComponent(records[record])) : address;
}

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
