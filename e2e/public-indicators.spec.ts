import type { ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { demoIndicators } from "../scripts/lib/seed/demo-data";
import { expectNoSeriousAccessibilityFindings } from "./helpers";
import { startOwnServer } from "./own-server";

// The public indicators (/public/{en,es}/indicators/{id}) and the embeddable
// cards (/embed/…) other sites show in a frame, read as no one.

test.use({ storageState: { cookies: [], origins: [] } });

const indicator = demoIndicators.find((entry) => entry.pillarNumber === 1 && entry.observations.length > 1)!;

/** The demo indicator's id, from the link to its page on its pillar's public page. */
async function indicatorId(request: APIRequestContext): Promise<string> {
  const page = await (await request.get(`/public/en/pillars/${indicator.pillarNumber}`)).text();
  const id = new RegExp(`href="/public/en/indicators/([^"]+)"[^>]*>${indicator.name}<`).exec(page)?.[1];
  expect(id, "the pillar's page links to the indicator").toBeDefined();
  return id!;
}

const languages = [
  { locale: "en", other: "es", name: indicator.name, unit: indicator.unit, code: "Code of the card", copy: "Copy the code", copied: "Copied." },
  { locale: "es", other: "en", name: indicator.nameEs, unit: indicator.unitEs, code: "Código de la tarjeta", copy: "Copiar el código", copied: "Copiado." },
] as const;

for (const language of languages) {
  test(`in ${language.locale}, a pillar's page lists its indicators and each one's page draws its values with the table behind them, and offers the code of its card`, async ({ page, context }) => {
    await page.goto(`/public/${language.locale}/pillars/${indicator.pillarNumber}`);
    const list = page.getByTestId("public-indicators");
    await expect(list.getByRole("rowheader", { name: language.name, exact: true })).toBeVisible();
    await expect(list.getByRole("row", { name: new RegExp(language.name) })).toContainText(language.unit);
    await list.getByRole("link", { name: language.name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/public/${language.locale}/indicators/[^/?]+$`));
    const id = new URL(page.url()).pathname.split("/").pop()!;

    await expect(page.getByRole("heading", { level: 1 })).toContainText(language.name);
    await expect(page.locator("html")).toHaveAttribute("lang", language.locale);
    await expect(page.locator(`link[rel="alternate"][hreflang="${language.other}"]`)).toHaveAttribute("href", `/public/${language.other}/indicators/${id}`);
    // The chart names its unit on the value axis and its days along the bottom; the table holds every value.
    const chart = page.getByTestId("indicator-chart");
    await expect(chart).toBeVisible();
    await expect(chart).toContainText(language.unit);
    await expect(page.getByTestId("observations").locator("tbody tr")).toHaveCount(indicator.observations.length);
    await expect(page.getByRole("region", { name: new RegExp(language.name) }).getByRole("columnheader")).toHaveCount(3);
    await expectNoSeriousAccessibilityFindings(page);

    const code = page.getByLabel(language.code);
    await expect(code).toHaveAttribute("readonly", "");
    await expect(code).toHaveValue(new RegExp(`^<iframe src="http://[^"]+/embed/indicators/${id}\\?lang=${language.locale}" title="[^"]+" `));
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.getByRole("button", { name: language.copy }).click();
    await expect(page.getByRole("status")).toHaveText(language.copied);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await code.inputValue());
  });
}

test("without scripts, the code of a pillar's card is text in a read-only field, with no button that could not work", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/public/en/pillars/1");
  await expect(page.getByLabel("Code of the card")).toHaveValue(/^<iframe src="http:\/\/[^"]+\/embed\/pillars\/1\?lang=en" title="Pillar 1: [^"]+, milestones by status" /);
  await expect(page.getByRole("button", { name: "Copy the code" })).toHaveCount(0);
  await context.close();
});

/** What every embeddable card's answer carries: no cookie, no X-Frame-Options, and the frame-ancestors asked for. */
function expectEmbeddable(response: APIResponse, frameAncestors: string) {
  const headers = response.headers();
  expect(response.status(), response.url()).toBe(200);
  expect(headers["set-cookie"], response.url()).toBeUndefined();
  expect(headers["x-frame-options"], response.url()).toBeUndefined();
  const directive = (headers["content-security-policy"] ?? "").split(/;\s*/).find((entry) => entry.startsWith("frame-ancestors "));
  expect(directive, response.url()).toBe(`frame-ancestors ${frameAncestors}`);
}

test("the cards set no cookie, carry no X-Frame-Options and may be framed by no site when none is allowed, while the public pages refuse any frame", async ({ request }) => {
  const id = await indicatorId(request);
  for (const address of ["/embed/pillars/1", "/embed/pillars/1?lang=es", `/embed/indicators/${id}?lang=en`, `/embed/indicators/${id}?lang=es`]) {
    expectEmbeddable(await request.get(address), "'none'");
  }
  for (const address of ["/public/en/pillars/1", `/public/en/indicators/${id}`]) {
    const response = await request.get(address);
    expect(response.headers()["x-frame-options"], address).toBe("DENY");
    expect(response.headers()["content-security-policy"], address).toContain("frame-ancestors 'none'");
  }
});

test("the cards read in the language of ?lang= and have no serious accessibility finding", async ({ page, request }) => {
  const id = await indicatorId(request);
  const cards = [
    { address: "/embed/pillars/1?lang=en", lang: "en", heading: /^Pillar 1: .+, milestones by status$/, link: "The pillar in the public record (opens in a new tab)", href: "/public/en/pillars/1" },
    { address: "/embed/pillars/1?lang=es", lang: "es", heading: /^Pilar 1: .+, hitos por estado$/, link: "El pilar en el registro público (se abre en una pestaña nueva)", href: "/public/es/pillars/1" },
    { address: `/embed/indicators/${id}?lang=en`, lang: "en", heading: new RegExp(`^${indicator.name}: `), link: "The indicator in the public record (opens in a new tab)", href: `/public/en/indicators/${id}` },
    { address: `/embed/indicators/${id}?lang=es`, lang: "es", heading: new RegExp(`^${indicator.nameEs}: `), link: "El indicador en el registro público (se abre en una pestaña nueva)", href: `/public/es/indicators/${id}` },
  ];
  for (const card of cards) {
    await page.goto(card.address);
    await expect(page.locator("html")).toHaveAttribute("lang", card.lang);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(card.heading);
    await expect(page.getByRole("img")).toHaveCount(1);
    await expect(page.getByRole("table")).toHaveCount(1);
    await expect(page.getByRole("link", { name: card.link })).toHaveAttribute("href", card.href);
    await expect(page.getByRole("link", { name: card.link })).toHaveAttribute("target", "_blank");
    await expectNoSeriousAccessibilityFindings(page);
  }
});

test.describe("on servers of their own", () => {
  let server: ChildProcess | undefined;
  test.afterEach(() => {
    server?.kill("SIGTERM");
    server = undefined;
  });

  test("a site EMBED_ALLOWED_ORIGINS names frames a card, whose frame-ancestors name exactly the allowed sites", async ({ page, request }) => {
    const id = await indicatorId(request);
    // The other site: a page of another origin that frames the card.
    const site = http.createServer((_request, response) => {
      response.setHeader("content-type", "text/html; charset=utf-8");
      response.end(`<!doctype html><title>News</title><iframe src="${own}/embed/indicators/${id}?lang=en" title="Card"></iframe>`);
    });
    await new Promise<void>((resolve) => site.listen(0, "localhost", resolve));
    const siteOrigin = `http://localhost:${(site.address() as AddressInfo).port}`;
    let own = "";
    try {
      ({ baseURL: own, server } = await startOwnServer({ WEB_CONCURRENCY: "1", EMBED_ALLOWED_ORIGINS: `https://news.example.org, ${siteOrigin}` }));
      expectEmbeddable(await request.get(`${own}/embed/pillars/1`), `https://news.example.org ${siteOrigin}`);
      expect((await request.get(`${own}/public/en/pillars/1`)).headers()["x-frame-options"]).toBe("DENY");
      await page.goto(siteOrigin);
      await expect(page.frameLocator("iframe").getByRole("heading", { level: 1 })).toHaveText(new RegExp(`^${indicator.name}: `));
    } finally {
      site.close();
    }
  });

  test("with PUBLIC_SITE=off, the indicator pages and the cards answer 404", async ({ request }) => {
    const id = await indicatorId(request);
    let own: string;
    ({ baseURL: own, server } = await startOwnServer({ WEB_CONCURRENCY: "1", PUBLIC_SITE: "off" }));
    for (const address of [`/public/en/indicators/${id}`, `/public/es/indicators/${id}`, "/embed/pillars/1", `/embed/indicators/${id}?lang=es`]) {
      const response = await request.get(`${own}${address}`);
      expect(response.status(), address).toBe(404);
      expect(response.headers()["set-cookie"], address).toBeUndefined();
    }
  });
});
