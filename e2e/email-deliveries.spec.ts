import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { expectNoSeriousAccessibilityFindings } from "./helpers";
import { demoAccounts, storageStateOf } from "./users";

// The email ledger as the send job leaves it (server/email/send.ts): written
// here straight into the database, as the worker does not run beside the
// browser tests' server.
async function recordDeliveries(deliveries: { subject: string; status: string; attempts: number; lastAnswer: string }[]) {
  const database = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await database.connect();
  try {
    const { rows: [admin] } = await database.query<{ id: string; email: string }>("SELECT id, email FROM \"User\" WHERE email = $1", [demoAccounts.admin.email]);
    for (const delivery of deliveries) {
      await database.query(
        `INSERT INTO "EmailDelivery" (id, key, "userId", kind, "to", subject, text, html, link, status, attempts, "lastAnswer", "lastAttemptAt")
         VALUES ($1, $1, $2, 'milestone.overdue', $3, $4, 'text', '<p>html</p>', 'https://tracker.test/', $5::"EmailStatus", $6, $7, now())`,
        [`e2e-${randomBytes(6).toString("hex")}`, admin!.id, admin!.email, delivery.subject, delivery.status, delivery.attempts, delivery.lastAnswer],
      );
    }
  } finally {
    await database.end();
  }
}

test.describe("an admin reading the email ledger", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("finds it in the navigation, sees each email's status and the mail server's last answer, and filters to the failed ones", async ({ page }) => {
    const id = randomBytes(4).toString("hex");
    await recordDeliveries([
      { subject: `Sent reminder ${id}`, status: "sent", attempts: 1, lastAnswer: "250 2.0.0 Ok: queued as 4F2A" },
      { subject: `Refused reminder ${id}`, status: "failed", attempts: 1, lastAnswer: "550 5.1.1 No such mailbox" },
    ]);
    await page.goto("/");
    await page.getByRole("link", { name: "Emails", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Emails");
    const refused = page.getByRole("row", { name: new RegExp(`Refused reminder ${id}`) });
    await expect(refused).toContainText("Failed");
    await expect(refused).toContainText("550 5.1.1 No such mailbox");
    await expect(page.getByRole("row", { name: new RegExp(`Sent reminder ${id}`) })).toContainText("250 2.0.0 Ok");
    await expectNoSeriousAccessibilityFindings(page);

    await page.getByRole("combobox", { name: "Status" }).selectOption({ label: "Failed" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/status=failed/);
    await expect(page.getByRole("row", { name: new RegExp(`Refused reminder ${id}`) })).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(`Sent reminder ${id}`) })).toHaveCount(0);
  });
});
