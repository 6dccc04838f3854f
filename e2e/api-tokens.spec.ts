import { expect, test, type APIRequestContext, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import { expectNoSeriousAccessibilityFindings } from "./helpers";
import { storageStateOf } from "./users";

// Personal API tokens, made on the profile by the demo staff member and used
// by a script through Playwright's request context, which carries no cookie:
// only the Authorization header speaks for it.

interface ListedMilestone {
  id: string;
  version: number;
  status: string;
}

/** A script that calls the API with the token and nothing else. */
async function scriptWith(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined, token: string): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
}

/**
 * A milestone of the staff member that no other test updates: e2e/status-updates.spec.ts
 * takes the first five in progress by id, so this is the last open one by id.
 */
async function untouchedMilestone(script: APIRequestContext): Promise<ListedMilestone> {
  const response = await script.get("/api/v1/milestones?mine=true");
  expect(response.status()).toBe(200);
  const { data } = (await response.json()) as { data: ListedMilestone[] };
  const byId = [...data].sort((a, b) => a.id.localeCompare(b.id));
  const takenElsewhere = new Set(byId.filter((milestone) => milestone.status === "in_progress").slice(0, 5).map((milestone) => milestone.id));
  const open = byId.filter((milestone) => !["completed", "cancelled"].includes(milestone.status) && !takenElsewhere.has(milestone.id));
  expect(open.length).toBeGreaterThan(0);
  return open.at(-1)!;
}

/** The token's visible start, which the lists show. */
const prefixOf = (token: string) => token.split("_").slice(0, 2).join("_");

async function createToken(page: Page, name: string, scope: "read" | "write"): Promise<string> {
  await page.goto("/profile");
  await page.getByLabel(/^Name( \*)?$/).fill(name);
  await page.getByLabel("Access").selectOption(scope);
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("status").filter({ hasText: "was created" })).toHaveText(`The token “${name}” was created.`);
  const token = await page.getByLabel("Your new token").inputValue();
  expect(token).toMatch(/^fpt_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
  return token;
}

test.describe("personal API tokens", () => {
  test.use({ storageState: storageStateOf("staff") });

  test("a token made on the profile reads and posts a status update as its person, shows its last use, and once revoked is answered 401", async ({ page, playwright, baseURL }) => {
    const token = await createToken(page, "Status feed", "write");
    await expectNoSeriousAccessibilityFindings(page);

    const script = await scriptWith(playwright, baseURL, token);
    const milestone = await untouchedMilestone(script);
    const posted = await script.post(`/api/v1/milestones/${milestone.id}/status-updates`, {
      data: { status: "in_progress", note: "Posted by the status feed with an API token.", version: milestone.version },
    });
    expect(posted.status()).toBe(201);
    const detail = (await (await script.get(`/api/v1/milestones/${milestone.id}`)).json()) as { data: { history: { note: string }[] } };
    expect(detail.data.history[0]).toMatchObject({ note: "Posted by the status feed with an API token." });

    // Shown once: the profile lists the token by its prefix, with its last use, never the token again.
    await page.goto("/profile");
    expect(await page.content()).not.toContain(token);
    const row = page.getByRole("row").filter({ hasText: "Status feed" });
    await expect(row).toContainText(prefixOf(token));
    await expect(row).not.toContainText("Never");
    await expectNoSeriousAccessibilityFindings(page);

    await row.getByRole("button", { name: "Revoke Status feed" }).click();
    await expect(row).toContainText("Revoked");
    const refused = await script.get("/api/v1/pillars");
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toMatchObject({ error: "invalid_token" });
    await script.dispose();
  });

  test("without JavaScript: a read-only token is made and shown, may read but not write, and an admin revokes it", async ({ browser, playwright, baseURL }) => {
    const staff = await browser.newContext({ javaScriptEnabled: false, storageState: storageStateOf("staff") });
    const token = await createToken(await staff.newPage(), "Nightly export", "read");
    await staff.close();

    const script = await scriptWith(playwright, baseURL, token);
    expect((await script.get("/api/v1/status-updates?format=csv")).status()).toBe(200);
    const milestone = await untouchedMilestone(script);
    const write = await script.post(`/api/v1/milestones/${milestone.id}/status-updates`, { data: { status: "in_progress", note: "Not allowed.", version: milestone.version } });
    expect(write.status()).toBe(403);
    expect(await write.json()).toMatchObject({ error: "read_only_token" });

    // axe-core runs in the page, so the admins' list is checked with JavaScript first.
    const checking = await browser.newContext({ storageState: storageStateOf("admin") });
    const checked = await checking.newPage();
    await checked.goto("/admin/tokens");
    await expect(checked.getByRole("row").filter({ hasText: prefixOf(token) })).toHaveCount(1);
    await expectNoSeriousAccessibilityFindings(checked);
    await checking.close();

    const admin = await browser.newContext({ javaScriptEnabled: false, storageState: storageStateOf("admin") });
    const adminPage = await admin.newPage();
    await adminPage.goto("/admin/tokens");
    await expect(adminPage.getByRole("heading", { level: 1 })).toHaveText("API tokens");
    const row = adminPage.getByRole("row").filter({ hasText: prefixOf(token) });
    await expect(row).toContainText("Sam Staff");
    await expect(row).toContainText("Nightly export");
    await row.getByRole("button", { name: "Revoke Nightly export" }).click();
    await expect(adminPage.getByRole("row").filter({ hasText: prefixOf(token) })).toHaveCount(0);
    await admin.close();

    expect((await script.get("/api/v1/pillars")).status()).toBe(401);
    await script.dispose();
  });
});
