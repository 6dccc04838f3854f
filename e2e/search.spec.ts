import { expect, test } from "@playwright/test";
import { expectNoSeriousAccessibilityFindings } from "./helpers";
import { storageStateOf } from "./users";

test.describe("signed in", () => {
  test.use({ storageState: storageStateOf("staff") });

  test("/ focuses the header's search; Enter shows the results grouped by kind, and the keyboard follows one", async ({ page }) => {
    await page.goto("/milestones");
    await page.locator("main").click();
    await page.keyboard.press("/");
    const field = page.getByRole("search", { name: "Search the tracker" }).getByRole("searchbox");
    await expect(field).toBeFocused();
    await page.keyboard.type("border");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/search\?q=border$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search");
    await expect(page.getByRole("heading", { name: "Results for “border”" })).toBeVisible();
    for (const kind of ["Milestones", "Commitments", "Evidence"]) await expect(page.getByRole("heading", { level: 3, name: new RegExp(`^${kind} \\(`) })).toBeVisible();
    await expectNoSeriousAccessibilityFindings(page);

    const first = page.getByTestId("search-group-milestones").getByRole("link").first();
    const title = await first.textContent();
    await first.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/milestones\/[^/?#]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title!);
  });

  test("/ typed into a field is a character, not the shortcut", async ({ page }) => {
    await page.goto("/search");
    const field = page.getByRole("search", { name: "Search", exact: true }).getByRole("searchbox");
    await field.fill("");
    await field.press("/");
    await expect(field).toBeFocused();
    await expect(field).toHaveValue("/");
  });

  test("the search page works without JavaScript and says what is missing", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, storageState: storageStateOf("staff") });
    const page = await context.newPage();
    await page.goto("/search?q=+");
    await expect(page.getByText("This field is required.")).toBeVisible();
    await page.getByLabel("Words to search for").fill("fronteras");
    await page.getByRole("button", { name: "Search", exact: true }).last().click();
    await expect(page).toHaveURL(/\/search\?q=fronteras$/);
    await expect(page.getByRole("heading", { name: "Results for “fronteras”" })).toBeVisible();
    await context.close();
  });

  test("on a phone the header with its search field does not scroll sideways", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto("/");
    await expect(page.getByRole("search", { name: "Search the tracker" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});

test.describe("the API", () => {
  test.use({ storageState: storageStateOf("reviewer") });

  test("answers the results grouped by kind, 400 with a field message for no words, 401 without sign-in", async ({ request, playwright, baseURL }) => {
    const found = await request.get("/api/v1/search?q=border");
    expect(found.status()).toBe(200);
    const { data } = (await found.json()) as { data: { q: string; groups: { kind: string; total: number; items: { href: string }[] }[] } };
    expect(data.q).toBe("border");
    expect(data.groups.map((group) => group.kind)).toEqual(["milestones", "commitments", "evidence", "assessments", "indicators"]);
    expect(data.groups.find((group) => group.kind === "milestones")!.items[0]!.href).toMatch(/^\/milestones\//);

    const empty = await request.get("/api/v1/search?q=");
    expect(empty.status()).toBe(400);
    expect(await empty.json()).toMatchObject({ error: "validation", fields: { q: [{ code: "required", message: "This field is required." }] } });

    const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    expect((await anonymous.get("/api/v1/search?q=border")).status()).toBe(401);
    await anonymous.dispose();
  });
});
