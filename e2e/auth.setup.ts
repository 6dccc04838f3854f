import { expect, test as setup } from "@playwright/test";
import { signIn } from "./helpers";
import { demoAccounts, demoPassword, demoRolesWithSecondFactor, storageStateOf, totpCode, type DemoRole } from "./users";

for (const role of Object.keys(demoAccounts) as DemoRole[]) {
  setup(`sign in as the demo ${role}`, async ({ page }) => {
    await signIn(page, demoAccounts[role].email, demoPassword);
    if (demoRolesWithSecondFactor.includes(role)) {
      await page.getByLabel("Code", { exact: true }).fill(totpCode());
      await page.getByRole("button", { name: "Verify and sign in" }).click();
    }
    await expect(page).toHaveURL("/");
    await page.context().storageState({ path: storageStateOf(role) });
  });
}
