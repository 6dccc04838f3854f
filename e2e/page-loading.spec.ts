import { expect, test } from "@playwright/test";
import { storageStateOf } from "./users";

// What a page asks of the network while it loads, which on a phone's slow
// connection and CPU is what Lighthouse's mobile score measures (npm run
// bench): the page itself and its files, and nothing of the pages it links
// to until one is opened; the session's renewal comes once the page has
// loaded, and finishes.

test.use({ storageState: storageStateOf("manager") });

for (const path of ["/overview", "/evidence", "/pillars/1"]) {
  test(`${path} loads no other page's data before a link is followed, and renews the session once it has loaded`, async ({ page }) => {
    const pageData: string[] = [];
    page.on("request", (request) => {
      // Next.js fetches a page's data (its RSC payload) with an `_rsc` parameter or header.
      const url = new URL(request.url());
      if (url.searchParams.has("_rsc") || request.headers()["rsc"] === "1") pageData.push(url.pathname);
    });
    const renewal = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/auth/session");
    await page.goto(path);
    // Links in view were prefetched as soon as the page had hydrated and the browser was idle; the renewal waits for the same.
    expect((await renewal).status()).toBe(200);
    await page.waitForLoadState("networkidle");
    expect(pageData).toEqual([]);

    // Following a link still loads the page it leads to.
    const link = page.locator("main a[href^='/']").first();
    const href = await link.getAttribute("href");
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${href!.split("?")[0]!.replace(/[/]/g, "\\/")}`));
  });
}
