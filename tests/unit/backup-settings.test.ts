// BACKUP_SCHEDULE, BACKUP_KEEP and BACKUP_DIR (server/backups/settings.ts):
// a schedule the worker could not keep stops npm start and npm run worker
// before they start anything, with a message naming the variable.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { backupSettings } from "../../server/backups/settings";

const root = path.resolve(import.meta.dirname, "../..");

describe("backupSettings", () => {
  it("is off without a schedule, keeps 7 in backups/ by default", () => {
    expect(backupSettings({})).toEqual({ schedule: null, keep: 7, dir: path.resolve("backups") });
    expect(backupSettings({ BACKUP_SCHEDULE: " ", BACKUP_KEEP: "" })).toMatchObject({ schedule: null, keep: 7 });
  });

  it("takes a five-field cron expression or an alias, a whole number to keep and a folder", () => {
    expect(backupSettings({ BACKUP_SCHEDULE: "30 2 * * 1-5", BACKUP_KEEP: "14", BACKUP_DIR: "/var/backups/tracker" })).toEqual({
      schedule: "30 2 * * 1-5",
      keep: 14,
      dir: "/var/backups/tracker",
    });
    expect(backupSettings({ BACKUP_SCHEDULE: "@daily" }).schedule).toBe("@daily");
  });

  it.each([
    ["every day", /BACKUP_SCHEDULE must be a cron expression in UTC .* it is "every day"/],
    ["61 * * * *", /it is "61 \* \* \* \*" \(.*59/],
    ["0 3 * *", /it is "0 3 \* \*" \(it needs five fields\)/],
    ["0 0 3 * * *", /it needs five fields/],
  ])("refuses the schedule %j, saying what it must be", (schedule, message) => {
    expect(() => backupSettings({ BACKUP_SCHEDULE: schedule })).toThrow(message);
  });

  it("refuses a BACKUP_KEEP that is not a positive whole number", () => {
    expect(() => backupSettings({ BACKUP_KEEP: "0" })).toThrow('BACKUP_KEEP must be a positive whole number; it is "0".');
    expect(() => backupSettings({ BACKUP_KEEP: "2.5" })).toThrow(/BACKUP_KEEP/);
  });
});

describe.each([
  ["npm start", "scripts/start.ts"],
  ["npm run worker", "scripts/worker.ts"],
])("%s", (_command, script) => {
  it("refuses an invalid BACKUP_SCHEDULE before it opens any database, with the message", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", script], {
      cwd: root,
      encoding: "utf8",
      // A database nothing listens at: were it opened first, the answer would be that it cannot be reached.
      env: { ...process.env, BACKUP_SCHEDULE: "every night", DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none", MIGRATION_DATABASE_URL: "", PORT: "1" },
      timeout: 60_000,
    });
    expect(run.stderr).toContain('✖ BACKUP_SCHEDULE must be a cron expression in UTC (minute hour day-of-month month day-of-week), e.g. "0 3 * * *" for 03:00 every day; it is "every night"');
    expect(run.status).toBe(1);
  }, 90_000);
});
