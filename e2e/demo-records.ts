import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { pathOf, type DemoRecord, type Who } from "./route-rules";
import { storageStateOf } from "./users";

// The demo records that fill the route table's dynamic segments
// (e2e/route-rules.ts), for the tests that visit every route.

const baseURL = () => test.info().project.use.baseURL!;

/** A request context signed in as `who` (the sessions e2e/auth.setup.ts saved), or anonymous. */
export async function contextOf(playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } }, who: Who) {
  return playwright.request.newContext({ baseURL: baseURL(), storageState: who === "anonymous" ? { cookies: [], origins: [] } : storageStateOf(who) });
}

async function dataOf<T>(response: APIResponse): Promise<T> {
  expect(response.status(), response.url()).toBe(200);
  return ((await response.json()) as { data: T }).data;
}

/** The demo records that fill the dynamic segments, read through the API as the admin (who sees everything) and the staff member. */
export async function demoRecords(admin: APIRequestContext, staff: APIRequestContext): Promise<Record<DemoRecord, string>> {
  const [rounds, assessments, evidence, mine, commitments, pillars, users, publicPillar] = await Promise.all([
    dataOf<{ id: string; status: string }[]>(await admin.get("/api/v1/rounds")),
    dataOf<{ id: string; state: string; round: { status: string } }[]>(await admin.get("/api/v1/assessments?state=published")),
    dataOf<{ id: string }[]>(await admin.get("/api/v1/evidence")),
    dataOf<{ id: string }[]>(await staff.get("/api/v1/milestones?mine=true")),
    dataOf<{ id: string }[]>(await admin.get("/api/v1/commitments")),
    dataOf<{ id: string; number: number }[]>(await admin.get("/api/v1/pillars")),
    dataOf<{ id: string; email: string }[]>(await admin.get("/api/v1/users")),
    // The API has no list of indicators: the public page of pillar 1, which the demo gives indicators, links to each.
    admin.get("/public/en/pillars/1").then((response) => response.text()),
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
    // A file of the public record's open data, which every demo holds.
    openDataFile: "milestones.csv",
    indicator: first([...publicPillar.matchAll(/href="\/public\/en\/indicators\/([^"]+)"/g)].map((match) => match[1]!), "an indicator of pillar 1"),
    user: first(users.filter((user) => user.email === "everywhere@e2e.local"), "the e2e account of this kind of test").id,
    // Well formed, so that the answer is about the record, not the address.
    missing: "no-such-record-0000",
    "nextAuth.session": "session",
    "nextAuth.signIn": "signin",
  };
}

/** A route with its one dynamic segment, if any, filled with its demo record. */
export function fill(route: string, record: DemoRecord | undefined, records: Record<DemoRecord, string>): string {
  const address = pathOf(route);
  const segments = address.match(/\[[^\]]+\]/g) ?? [];
  if (segments.length !== (record ? 1 : 0)) throw new Error(`${route}: a case fills one dynamic segment with its record, or none without one`);
  return record ? address.replace(segments[0]!, encodeURIComponent(records[record])) : address;
}

