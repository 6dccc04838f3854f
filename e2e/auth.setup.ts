import { expect, test as setup } from "@playwright/test";
import { signIn } from "./helpers";
import { demoAccounts, demoPassword, storageStateOf, type DemoRole } from "./users";

for (const role of Object.keys(demoAccounts) as DemoRole[]) {
  setup(`sign in as the demo ${role}`, async ({ page }) => {
    await signIn(page, demoAccounts[role].email, demoPassword);
    await expect(page).toHaveURL("/");
    await page.context().storageState({ path: storageStateOf(role) });
  });
}
