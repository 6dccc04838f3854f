import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { expectNoSeriousAccessibilityFindings } from "./helpers";
import { storageStateOf } from "./users";

// Backup runs as the job worker records them (server/backups/scheduled.ts):
// written here straight into the database, as no worker runs beside the
// browser tests' server (and no BACKUP_SCHEDULE is set for it).
async function recordRuns(runs: { file: string; status: string; startedAt: string; sizeBytes?: number; error?: string }[]) {
  const database = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await database.connect();
  try {
    for (const run of runs) {
      await database.query(
        `INSERT INTO "BackupRun" (id, "startedAt", "finishedAt", status, file, "sizeBytes", error)
         VALUES ($1, $2, $2::timestamptz + interval '1 minute', $3::"BackupRunStatus", $4, $5, $6)`,
        [`e2e-${randomBytes(6).toString("hex")}`, run.startedAt, run.status, run.file, run.sizeBytes ?? null, run.error ?? null],
      );
    }
  } finally {
    await database.end();
  }
}

test.describe("an admin checking the scheduled backups", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("finds them in the navigation: that no schedule is set and how to set one, and each backup's file, size and how it went", async ({ page }) => {
    const id = randomBytes(4).toString("hex");
    // Far ahead, so that these are the newest runs listed.
    await recordRuns([
      { file: `/srv/backups/good-${id}.backup.gz`, status: "succeeded", startedAt: "2095-02-01T03:00:00Z", sizeBytes: 48_213_504 },
      { file: `/srv/backups/full-${id}.backup.gz`, status: "failed", startedAt: "2095-02-02T03:00:00Z", error: "No space left on device" },
    ]);
    await page.goto("/");
    await page.getByRole("link", { name: "Backups", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Backups");
    await expect(page.getByText(/Off: no backup is written on schedule\. Set BACKUP_SCHEDULE/)).toBeVisible();
    const good = page.getByRole("row", { name: new RegExp(`good-${id}`) });
    await expect(good).toContainText("Written and read back");
    await expect(good).toContainText("48.2 MB");
    const full = page.getByRole("row", { name: new RegExp(`full-${id}`) });
    await expect(full).toContainText("Failed");
    await expect(full).toContainText("No space left on device");
    await expectNoSeriousAccessibilityFindings(page);
  });
});
