import path from "node:path";
import { expect, test, type Browser } from "@playwright/test";
import { storageStateOf, type DemoRole } from "./users";

// README's screenshots (docs/screenshots/), at a desk and on a phone: the
// overview a manager reads, a milestone and its history, and a staff member's
// worklist. `npm run screenshots` takes them on the demo data.

const folder = path.join(import.meta.dirname, "..", "docs", "screenshots");
const sizes = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

async function capture(browser: Browser, role: DemoRole, address: string, name: string) {
  for (const [size, viewport] of Object.entries(sizes)) {
    const context = await browser.newContext({ storageState: storageStateOf(role), viewport, deviceScaleFactor: size === "phone" ? 2 : 1 });
    const page = await context.newPage();
    await page.goto(address);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.screenshot({ path: path.join(folder, `${name}-${size}.png`) });
    await context.close();
  }
}

test("the overview, a milestone and the worklist, at a desk and on a phone", async ({ browser }) => {
  await capture(browser, "manager", "/overview", "overview");
  await capture(browser, "staff", "/", "worklist");
  const context = await browser.newContext({ storageState: storageStateOf("staff") });
  const page = await context.newPage();
  await page.goto("/my-milestones");
  const milestone = await page.locator("#overdue").getByRole("link").first().getAttribute("href");
  await context.close();
  await capture(browser, "staff", milestone!, "milestone");
});
