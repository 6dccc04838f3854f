import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { demoRounds } from "../scripts/lib/seed/demo-data";
import { expectNoSeriousAccessibilityFindings } from "./helpers";
import { demoAccounts, storageStateOf } from "./users";

// The public site's closed rounds, as a visitor signed in as no one meets
// them: a round's frozen report, its document downloaded and checked on
// /public/verify, the check's answers to a changed, empty or non-JSON file,
// the same without JavaScript, and the Atom feed the pages link to.

const anonymous = { cookies: [], origins: [] };
test.use({ storageState: anonymous });

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const firstRound = "April 2011 two-year review";
// The list names a round in the reader's language; its frozen report keeps the English it was sealed with.
const firstRoundInSpanish = "Revisión de los dos primeros años, abril de 2011";

/** The report page of the demo's first closed round, reached from the public overview by its links. */
async function openFirstReport(page: Page) {
  await page.goto("/public/en");
  await page.getByRole("navigation", { name: "Public record" }).getByRole("link", { name: "Round reports" }).click();
  await expect(page).toHaveURL(/\/public\/en\/rounds$/);
  await page.getByRole("link", { name: firstRound }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Report: ${firstRound}`);
  const [document, chain] = await page.getByTestId("frozen-digests").locator("dd").allTextContents();
  return { document: document!, chain: chain! };
}

test("a visitor opens a closed round's report, downloads its document and the check says it is exactly the frozen one", async ({ page }) => {
  const digests = await openFirstReport(page);
  expect(digests.document).toMatch(/^[0-9a-f]{64}$/);
  expect(digests.chain).toMatch(/^[0-9a-f]{64}$/);
  // The frozen document's assessments, on both scales, with the reviewer's name, narrative and cited evidence.
  const verdict = page.getByTestId("public-report-pillar").first().getByTestId("public-verdict").first();
  await expect(verdict).toContainText(demoAccounts.reviewer.name);
  await expect(verdict.getByTestId("verdict-pair")).toHaveText("Advances: Steady · Results: Slow");
  await expect(verdict.getByRole("heading", { level: 5, name: "Evidence cited" })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the frozen document (JSON)" }).click()]);
  const file = await download.path();
  const bytes = await readFile(file);
  expect(sha256(bytes), "the downloaded bytes hash to the digest shown").toBe(digests.document);
  const served = await page.request.get(download.url());
  expect(served.headers()["content-type"]).toBe("application/json; charset=utf-8");
  expect(new URL(download.url()).pathname).toMatch(/^\/public\/rounds\/[^/]+\.json$/);

  const pdf = await page.request.get(await page.getByRole("link", { name: "Download as PDF" }).getAttribute("href").then((href) => href!));
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  await page.getByRole("link", { name: "Check a copy" }).click();
  await expect(page).toHaveURL(/\/public\/en\/verify$/);
  // By keyboard: from the file field to the button, and Enter sends the form.
  const field = page.getByLabel("Report document (.json)");
  await field.setInputFiles(file);
  await field.focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Check" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("verify-outcome")).toContainText(`This file is exactly the frozen report of the round “${firstRound}”, round 1 of the chain.`);
  await expect(page.getByTestId("matched-chain-digest")).toHaveText(digests.chain);
  await expect(page.getByTestId("later-rounds")).toContainText("May 2018 review");
  await expect(page.getByText("Every stored chain digest follows from the one before it.")).toBeVisible();

  // One character changed: no longer the frozen report, though it names its round.
  await page.getByLabel("Report document (.json)").setInputFiles({ name: "changed.json", mimeType: "application/json", buffer: Buffer.from(bytes.toString("utf8").replace('"narrative":"', '"narrative":" ')) });
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByTestId("verify-outcome")).toContainText("This file matches no frozen report");
  await expect(page.getByTestId("verify-outcome")).toContainText(`It names the round “${firstRound}” as its own`);

  await page.getByLabel("Report document (.json)").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not a report") });
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByTestId("verify-outcome")).toHaveText("The file is not JSON text in UTF-8: a round report is a JSON document, as its page's download gives it.");
  await expect(page.getByTestId("verify-outcome")).toHaveAttribute("role", "alert");
});

test("an open round and an unknown one have no public report, document or PDF", async ({ playwright, baseURL }) => {
  const manager = await playwright.request.newContext({ baseURL, storageState: storageStateOf("manager") });
  const opened = await manager.post("/api/v1/rounds", { data: { title: `Open round ${Math.random().toString(36).slice(2, 8)}`, periodStart: "2024-01-01", periodEnd: "2024-12-31" } });
  expect(opened.status()).toBe(201);
  const { id } = ((await opened.json()) as { data: { id: string } }).data;
  const visitor = await playwright.request.newContext({ baseURL, storageState: anonymous });
  for (const round of [id, "no-such-round-0000"]) {
    for (const address of [`/public/en/rounds/${round}`, `/public/rounds/${round}.json`, `/public/es/rounds/${round}/report.pdf`]) {
      expect((await visitor.get(address)).status(), address).toBe(404);
    }
  }
  await Promise.all([manager.dispose(), visitor.dispose()]);
});

test("the check works without JavaScript, in Spanish too, and says when no file came", async ({ browser }) => {
  const context = await browser.newContext({ storageState: anonymous, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/public/es/verify");
  await page.getByRole("button", { name: "Comprobar" }).click();
  await expect(page).toHaveURL(/\/public\/es\/verify\?problem=empty$/);
  await expect(page.getByRole("alert")).toHaveText("No llegó ningún archivo, o el archivo está vacío: elija el archivo .json del informe y compruébelo de nuevo.");

  await page.getByRole("navigation", { name: "Registro público" }).getByRole("link", { name: "Informes de las rondas" }).click();
  await page.getByRole("link", { name: firstRoundInSpanish }).click();
  // The report was frozen in English: on a Spanish page its texts are set in English and marked so.
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(`Informe: ${firstRound} (in English)`);
  await expect(heading.locator('[lang="en"]').first()).toHaveText(firstRound);
  const pillarHeading = page.getByRole("heading", { level: 2, name: /^Pilar 1: / });
  await expect(pillarHeading.locator('[lang="en"]').first()).toHaveText(/\S/);
  const document = await page.request.get((await page.getByRole("link", { name: "Descargar el documento sellado (JSON)" }).getAttribute("href"))!);
  await page.getByRole("link", { name: "Compruebe una copia" }).click();
  await page.getByLabel("Documento del informe (.json)").setInputFiles({ name: "informe.json", mimeType: "application/json", buffer: await document.body() });
  await page.getByRole("button", { name: "Comprobar" }).click();
  await expect(page).toHaveURL(/\/public\/es\/verify\?sha256=[0-9a-f]{64}&claims=/);
  await expect(page.getByTestId("verify-outcome")).toContainText(`Este archivo es exactamente el informe sellado de la ronda «${firstRound}», ronda 1 de la cadena.`);
  await context.close();
});

test("the feed is valid Atom with the published assessments and the closed rounds' digests, linked from every public page", async ({ page }) => {
  const digests = await openFirstReport(page);
  const link = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
  await expect(link).toHaveAttribute("href", "/public/en/feed.xml");
  const response = await page.request.get("/public/en/feed.xml");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
  // The browser's own XML parser, which refuses a document that is not well formed.
  const feed = await page.evaluate((text) => {
    const atom = "http://www.w3.org/2005/Atom";
    const document = new DOMParser().parseFromString(text, "application/xml");
    if (document.getElementsByTagName("parsererror").length > 0) return null;
    const children = (element: Element, name: string) => [...element.children].filter((child) => child.namespaceURI === atom && child.localName === name);
    const text1 = (element: Element, name: string) => children(element, name)[0]?.textContent ?? null;
    const root = document.documentElement;
    return {
      root: `${root.namespaceURI} ${root.localName}`,
      id: text1(root, "id"),
      title: text1(root, "title"),
      updated: text1(root, "updated"),
      author: children(root, "author").length,
      entries: children(root, "entry").map((entry) => ({
        id: text1(entry, "id"),
        title: text1(entry, "title"),
        updated: text1(entry, "updated"),
        links: children(entry, "link").map((element) => element.getAttribute("href")),
        summary: text1(entry, "summary"),
      })),
    };
  }, await response.text());
  expect(feed, "the feed is well-formed XML").not.toBeNull();
  expect(feed!.root).toBe("http://www.w3.org/2005/Atom feed");
  expect(feed!.id).toMatch(/^http:\/\/localhost:\d+\/public\/en\/feed\.xml$/);
  expect(feed!.title).toBeTruthy();
  expect(Date.parse(feed!.updated!)).not.toBeNaN();
  expect(feed!.author).toBe(1);
  for (const entry of feed!.entries) {
    expect(entry.id).toMatch(/^http/);
    expect(entry.title).toBeTruthy();
    expect(Date.parse(entry.updated!)).not.toBeNaN();
    expect(entry.links.length).toBeGreaterThan(0);
    expect(entry.summary).toBeTruthy();
  }
  const round = feed!.entries.find((entry) => entry.title === `Report: ${firstRound}`);
  expect(round?.summary).toContain(digests.document);
  expect(round?.summary).toContain(digests.chain);
  // Every demo assessment is published; other tests may publish more.
  const demoAssessments = demoRounds.flatMap((demoRound) => demoRound.assessments).length;
  expect(feed!.entries.filter((entry) => entry.links.some((href) => /\/public\/en\/pillars\/\d#assessment-/.test(href!))).length).toBeGreaterThanOrEqual(demoAssessments);
});

test.describe("accessibility", () => {
  for (const locale of ["en", "es"]) {
    test(`the rounds, a round's report and the check in ${locale === "en" ? "English" : "Spanish"} have no serious accessibility finding`, async ({ page }) => {
      await page.goto(`/public/${locale}/rounds`);
      await expectNoSeriousAccessibilityFindings(page);
      const report = (await page.getByTestId("public-rounds").getByRole("link").last().getAttribute("href"))!;
      await page.goto(report);
      await expectNoSeriousAccessibilityFindings(page);
      const document = await page.request.get(`/public/rounds/${report.split("/").pop()}.json`);
      await page.goto(`/public/${locale}/verify`);
      await expectNoSeriousAccessibilityFindings(page);
      await page.getByLabel(/\.json/).setInputFiles({ name: "report.json", mimeType: "application/json", buffer: await document.body() });
      await page.getByRole("button").filter({ hasText: locale === "en" ? "Check" : "Comprobar" }).click();
      await expect(page.getByTestId("matched-chain-digest")).toBeVisible();
      await expectNoSeriousAccessibilityFindings(page);
      await page.goto(`/public/${locale}/verify?problem=tooLarge`);
      await expectNoSeriousAccessibilityFindings(page);
    });
  }
});
