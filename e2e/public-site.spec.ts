import { expect, test, type APIRequestContext } from "@playwright/test";
import { demoCommitments, demoIndicators, demoPillars, demoRounds } from "../scripts/lib/seed/demo-data";
import { expectNoSeriousAccessibilityFindings } from "./helpers";
import { demoAccounts, storageStateOf } from "./users";

// The public record (/public), read as no one: every page and file reachable
// from its start in either language (the open data files among them) answers
// without sign-in and holds no text of a draft, a submitted or returned
// assessment, a status note, an email or a staff member's name; the reviewer's
// name stands on their published work.

const unique = () => Math.random().toString(36).slice(2, 8);
const anonymous = { cookies: [], origins: [] };

/** The text of a page as a reader gets it, whether it sits in the HTML or in the page's data for the browser. */
function readable(body: string): string {
  return body
    .replace(/\\"/g, '"')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Every public address (the public record and the embeddable cards) reachable from `starts` by the links, alternates and cards of its pages, with what each answered. */
async function crawl(request: APIRequestContext, baseURL: string, starts: string[]) {
  const answered = new Map<string, string>();
  const queue = [...starts];
  while (queue.length > 0) {
    const address = queue.shift()!;
    if (answered.has(address)) continue;
    const response = await request.get(address, { maxRedirects: 0 });
    expect(response.status(), `${address} answers without sign-in`).toBe(200);
    const type = response.headers()["content-type"] ?? "";
    const text = await response.text();
    // A CSV cell doubles the quotes of its text.
    const body = readable(type.startsWith("text/csv") ? text.replace(/""/g, '"') : text);
    answered.set(address, body);
    expect(answered.size, "the crawl stays within the public pages").toBeLessThan(200);
    if (!type.includes("text/html")) continue;
    // Links and alternates, and the embeddable cards the pages give the code of (an iframe's src, as text in a field).
    for (const [, href] of body.matchAll(/<(?:a|link|iframe)\b[^>]*?\b(?:href|src)="([^"]+)"/g)) {
      const url = new URL(href!, new URL(address, baseURL));
      if (url.origin === new URL(baseURL).origin && /^\/(public|embed)(\/|$)/.test(url.pathname)) queue.push(`${url.pathname}${url.search}`);
    }
  }
  return answered;
}

test("a visitor signed in as no one reads every public page and file, none holding a draft, a note, an email or a staff member's name", async ({ playwright, baseURL }) => {
  // The demo holds no assessment short of publication: make a draft, a submitted and a returned one, each with its own text.
  const secrets = { draft: `Draft narrative ${unique()}`, submitted: `Submitted narrative ${unique()}`, returned: `Returned narrative ${unique()}`, comment: `Return comment ${unique()}` };
  const [manager, reviewer, visitor] = await Promise.all([
    playwright.request.newContext({ baseURL, storageState: storageStateOf("manager") }),
    playwright.request.newContext({ baseURL, storageState: storageStateOf("reviewer") }),
    playwright.request.newContext({ baseURL, storageState: anonymous }),
  ]);
  const opened = await manager.post("/api/v1/rounds", { data: { title: `Public crawl ${unique()}`, periodStart: "2009-01-01", periodEnd: "2030-12-31" } });
  expect(opened.status()).toBe(201);
  const roundId = ((await opened.json()) as { data: { id: string } }).data.id;
  const { data: pillars } = (await (await reviewer.get("/api/v1/pillars")).json()) as { data: { id: string; number: number }[] };
  const pillarId = (number: number) => pillars.find((pillar) => pillar.number === number)!.id;
  const submitted = async (number: number, narrative: string) => {
    const { data: evidence } = (await (await reviewer.get(`/api/v1/evidence?pillar=${number}&retracted=false`)).json()) as { data: { id: string }[] };
    const created = await reviewer.post("/api/v1/assessments", { data: { roundId, pillarId: pillarId(number), advances: "steady", results: "slow", narrative, evidenceIds: [evidence[0]!.id] } });
    expect(created.status()).toBe(201);
    const { id, version } = ((await created.json()) as { data: { id: string; version: number } }).data;
    expect((await reviewer.post(`/api/v1/assessments/${id}/submit`, { data: { version } })).status()).toBe(200);
    return id;
  };
  expect((await reviewer.post("/api/v1/assessments", { data: { roundId, pillarId: pillarId(1), narrative: secrets.draft } })).status()).toBe(201);
  await submitted(2, secrets.submitted);
  const toReturn = await submitted(3, secrets.returned);
  const { data: current } = (await (await manager.get(`/api/v1/assessments/${toReturn}`)).json()) as { data: { version: number } };
  expect((await manager.post(`/api/v1/assessments/${toReturn}/return`, { data: { version: current.version, comment: secrets.comment } })).status()).toBe(200);

  const answered = await crawl(visitor, baseURL!, ["/public", "/public/en", "/public/es"]);
  const addresses = [...answered.keys()];
  for (const locale of ["en", "es"]) {
    expect(addresses, "the crawl reached both languages' pages of every pillar").toEqual(expect.arrayContaining([1, 2, 3, 4, 5].map((number) => `/public/${locale}/pillars/${number}`)));
    expect(addresses, "the crawl reached both languages' cards of every pillar").toEqual(expect.arrayContaining([1, 2, 3, 4, 5].map((number) => `/embed/pillars/${number}?lang=${locale}`)));
    const indicatorPages = addresses.filter((address) => address.startsWith(`/public/${locale}/indicators/`));
    expect(indicatorPages, "the crawl reached the page of every indicator").toHaveLength(demoIndicators.length);
    expect(addresses, "and the card of each").toEqual(expect.arrayContaining(indicatorPages.map((page) => `${page.replace(`/public/${locale}/`, "/embed/")}?lang=${locale}`)));
  }
  // The open data page links every file, so the crawl reads each of them too.
  const openData = ["pillars", "commitments", "milestones", "status-history", "assessments", "evidence", "indicators", "observations"];
  expect(addresses, "the crawl read every open data file").toEqual(
    expect.arrayContaining(["/public/data/dictionary.json", ...openData.flatMap((file) => [`/public/data/${file}.csv`, `/public/data/${file}.json`])]),
  );
  const everything = [...answered.values()].join("\n");
  // What was published is there: the reviewer's name on it and its narrative.
  expect(everything).toContain(demoAccounts.reviewer.name);
  expect(everything).toContain(demoRounds[0]!.assessments[0]!.narrative);

  const notes = [
    ...demoCommitments.flatMap((commitment) => commitment.milestones.flatMap((milestone) => milestone.history.map((update) => update.note))),
    ...demoIndicators.flatMap((indicator) => indicator.observations.flatMap((observation) => (observation.note ? [observation.note] : []))),
  ];
  const people = [demoAccounts.admin, demoAccounts.manager, demoAccounts.staff].map((account) => account.name);
  const emails = Object.values(demoAccounts).map((account) => account.email);
  expect(notes.length).toBeGreaterThan(50);
  const found = [...Object.values(secrets), ...notes, ...people, ...emails].filter((text) => everything.includes(text));
  expect(found, "texts the public site must never show").toEqual([]);
  await Promise.all([manager.dispose(), reviewer.dispose(), visitor.dispose()]);
});

test("the public site speaks the browser's language by default, each language at its own address with the other as an alternate", async ({ browser }) => {
  const spanish = await browser.newContext({ storageState: anonymous, locale: "es-MX", extraHTTPHeaders: { "accept-language": "es-MX,es;q=0.9" } });
  const page = await spanish.newPage();
  await page.goto("/public");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Los cinco pilares");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute("href", /\/public\/en$/);
  await page.getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/\/public\/en$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The five pillars");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator('link[rel="alternate"][hreflang="es"]')).toHaveAttribute("href", /\/public\/es$/);
  await spanish.close();
});

test("the five pillars as of a past day come from the day's figures, and a pillar's page shows its published verdicts and milestones' histories", async ({ page }) => {
  await page.goto("/public/en");
  await expect(page.getByTestId("public-pillar-1").getByTestId("percent-completed")).toHaveText(/^\d{1,3}(\.\d)?%$/);
  await page.getByLabel("Day").fill("2011-04-30");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/\/public\/en\?asOf=2011-04-30$/);
  await expect(page.getByTestId("as-of")).toHaveText("Figures as of April 30, 2011.");
  await page.getByRole("link", { name: /^1\. / }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Published assessments" })).toBeVisible();
  await expect(page.getByTestId("public-verdict").first()).toContainText(demoAccounts.reviewer.name);
  await expect(page.getByTestId("public-milestone").first()).toBeVisible();
});

test("the plan reads in Spanish at the Spanish address and in English at the English one", async ({ page }) => {
  const pillar = demoPillars[0]!;
  const commitment = demoCommitments.find((entry) => entry.pillarNumber === pillar.number)!;
  const milestone = commitment.milestones[0]!;
  await page.goto(`/public/es/pillars/${pillar.number}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(pillar.nameEs);
  await expect(page.getByRole("heading", { level: 3, name: commitment.titleEs, exact: true })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: milestone.titleEs, exact: true })).toBeVisible();
  await expect(page.getByText("(in English)")).toHaveCount(0);
  await page.goto(`/public/en/pillars/${pillar.number}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(pillar.name);
  await expect(page.getByRole("heading", { level: 3, name: commitment.title, exact: true })).toBeVisible();
});

test.describe("accessibility", () => {
  test.use({ storageState: anonymous });
  for (const locale of ["en", "es"]) {
    test(`every public page in ${locale === "en" ? "English" : "Spanish"} has no serious accessibility finding`, async ({ page }) => {
      for (const address of [`/public/${locale}`, `/public/${locale}?asOf=2999-01-01`, ...[1, 2, 3, 4, 5].map((number) => `/public/${locale}/pillars/${number}`)]) {
        await page.goto(address);
        await expectNoSeriousAccessibilityFindings(page);
      }
    });
  }
});

test("a public page is rendered once per plan revision: the same page and ETag until the next write, 304 to a cache holding it, a policy naming its scripts' hashes instead of a nonce", async ({ playwright, baseURL, browser }) => {
  const visitor = await playwright.request.newContext({ baseURL, storageState: anonymous });
  const address = "/public/en/pillars/1";
  // Other tests write at the same time, each write a new revision: the page is asked for until two answers in a row stand at one.
  let etag = "";
  let policy = "";
  await expect(async () => {
    const first = await visitor.get(address);
    const kept = await visitor.get(address);
    expect(kept.headers()["x-public-cache"]).toBe("hit");
    expect(kept.headers()["etag"]).toBe(first.headers()["etag"]);
    expect(kept.headers()["cache-control"]).toBe("public, no-cache");
    etag = kept.headers()["etag"]!;
    policy = kept.headers()["content-security-policy"]!;
    expect((await visitor.get(address, { headers: { "if-none-match": etag } })).status()).toBe(304);
  }).toPass({ timeout: 60_000 });
  expect(etag).toMatch(/^"[\w-]{43}(-gzip)?"$/);
  expect(policy).not.toContain("nonce-");
  expect(policy).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/]{43}=')+;/);
  // A document: none of Next.js's scripts, nor their preloads, only the page's own (the copy button's).
  const html = await (await visitor.get(address)).text();
  expect(html).not.toMatch(/\/_next\/static\/chunks\/[\w-]+\.js/);
  expect(html).not.toContain("self.__next_f");
  expect(html.match(/<script\b/g)).toHaveLength(1);

  // A status update raises the plan revision: the next request renders the page anew.
  const staff = await playwright.request.newContext({ baseURL, storageState: storageStateOf("staff") });
  const { data: mine } = (await (await staff.get("/api/v1/milestones?mine=true")).json()) as { data: { id: string; status: string; version: number }[] };
  const milestone = mine.find((candidate) => candidate.status !== "completed" && candidate.status !== "cancelled")!;
  const next = milestone.status === "in_progress" ? { status: "at_risk", cause: "funding" } : { status: "in_progress" };
  expect((await staff.post(`/api/v1/milestones/${milestone.id}/status-updates`, { data: { ...next, note: `Public cache ${unique()}`, version: milestone.version } })).status()).toBe(201);
  const renewed = await visitor.get(address, { headers: { "if-none-match": etag } });
  expect(renewed.status()).toBe(200);
  expect(renewed.headers()["x-public-cache"]).toBe("miss");
  expect(renewed.headers()["etag"]).not.toBe(etag);

  // The page's own scripts run under that policy (the copy button is drawn by them), and none is refused.
  const context = await browser.newContext({ storageState: anonymous });
  const page = await context.newPage();
  const refused: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await page.goto(address);
  await expect(page.getByRole("button", { name: "Copy the code" })).toBeVisible();
  expect(refused).toEqual([]);
  await Promise.all([visitor.dispose(), staff.dispose(), context.close()]);
});
