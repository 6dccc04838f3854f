import { expect, test } from "@playwright/test";
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
