import { expect, test } from "@playwright/test";
import { expectNoSeriousAccessibilityFindings } from "./helpers";
import { demoAccounts, storageStateOf, type DemoRole } from "./users";

for (const role of Object.keys(demoAccounts) as DemoRole[]) {
  test.describe(`the demo ${role}`, () => {
    test.use({ storageState: storageStateOf(role) });

    test("sees the overview of the five pillars under their own name and role", async ({ page }) => {
      await page.goto("/overview");
      await expect(page.getByText(`Signed in as ${demoAccounts[role].name}`)).toBeVisible();
      await expect(page.getByTestId("actor-roles")).toHaveText(`(${demoAccounts[role].role})`);
      await expect(page.getByRole("list", { name: "Pillars" }).getByRole("heading", { level: 2 })).toHaveCount(5);
    });

    test("reads the pillars and commitments through the API with the same session", async ({ page }) => {
      const pillars = await page.request.get("/api/v1/pillars");
      expect(pillars.status()).toBe(200);
      const { data } = (await pillars.json()) as { data: { number: number; milestoneCount: number; milestonesByStatus: Record<string, number> }[] };
      expect(data.map((pillar) => pillar.number)).toEqual([1, 2, 3, 4, 5]);
      for (const pillar of data) {
        expect(Object.values(pillar.milestonesByStatus).reduce((a, b) => a + b, 0)).toBe(pillar.milestoneCount);
      }
      const commitments = await page.request.get("/api/v1/commitments?pillar=3");
      const body = (await commitments.json()) as { data: { pillar: { number: number } }[] };
      expect(body.data.length).toBeGreaterThan(0);
      expect(body.data.every((commitment) => commitment.pillar.number === 3)).toBe(true);
    });
  });
}

test.describe("the demo staff member opening an admin page", () => {
  test.use({ storageState: storageStateOf("staff") });

  test("is told with 403 that they have no access to it, keeps the navigation, and the refusal is in the audit trail", async ({ page, browser }) => {
    const admin = await browser.newContext({ storageState: storageStateOf("admin") });
    const users = ((await (await admin.request.get("/api/v1/users")).json()) as { data: { email: string; id: string }[] }).data;
    const staffId = users.find((user) => user.email === demoAccounts.staff.email)!.id;
    type Refusal = { id: string; record: { type: string; id: string }; after: unknown };
    const refusals = async () =>
      ((await (await admin.request.get(`/api/v1/audit-events?action=access.refuse&actor=${staffId}`)).json()) as { data: Refusal[] }).data;
    const before = new Set((await refusals()).map((event) => event.id));

    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have access to this page");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My milestones" })).toBeVisible();
    await expectNoSeriousAccessibilityFindings(page);
    await page.getByRole("link", { name: "Back to your work" }).click();
    await expect(page).toHaveURL("/");

    expect((await refusals()).filter((event) => !before.has(event.id))).toContainEqual(
      expect.objectContaining({ record: expect.objectContaining({ type: "Route", id: "GET /admin/users" }), after: { permission: "user.manage" } }),
    );
    await admin.close();
  });
});
