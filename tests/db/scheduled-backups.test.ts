// Scheduled backups (server/backups): the job worker writes a backup with the
// code of npm run db:backup, as the application role, reads it back, records
// the run, keeps BACKUP_KEEP of them, and tells the admins of a failure. The
// clock is the one the worker would pass, never the wall clock.
import { copyFile, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyBackup } from "../../scripts/lib/backup";
import { runScheduledBackup, scheduledBackupJob } from "../../server/backups/scheduled";
import type { BackupSettings } from "../../server/backups/settings";
import { db } from "../../server/db/client";
import { startWorker } from "../../server/jobs/worker";
import { createUser } from "../factories";

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), "tracker-scheduled-backups-"));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** A clock that reads `start`, then a second later at each reading. */
function clockFrom(start: string): () => Date {
  let at = new Date(start).getTime();
  return () => {
    const now = new Date(at);
    at += 1_000;
    return now;
  };
}

const settingsIn = (dir: string, keep: number): BackupSettings => ({ schedule: "0 3 * * *", keep, dir });

const runsIn = (dir: string) =>
  db().backupRun.findMany({ where: { file: { startsWith: `${dir}${path.sep}` } }, orderBy: { startedAt: "asc" } });

describe("a scheduled backup", () => {
  it("writes a backup named by the worker's clock that reads back whole, and records when it ran, its file and its size", async () => {
    await createUser({ roles: ["staff"] });
    const dir = path.join(folder, "one");

    await runScheduledBackup(settingsIn(dir, 3), clockFrom("2027-03-01T03:00:00Z"));

    const file = path.join(dir, "tracker-2027-03-01T03-00-00Z.backup.gz");
    expect(await readdir(dir)).toEqual([path.basename(file)]);
    const [run] = await runsIn(dir);
    expect(run).toMatchObject({
      status: "succeeded",
      file,
      startedAt: new Date("2027-03-01T03:00:00Z"),
      finishedAt: new Date("2027-03-01T03:00:01Z"),
      sizeBytes: BigInt((await stat(file)).size),
      error: null,
      removedAt: null,
    });
    const readBack = await verifyBackup(file);
    expect(readBack.tables).toBeGreaterThan(20);
    // At least the user made above and the run's own row, as it stood while being written.
    expect(readBack.rows).toBeGreaterThanOrEqual(2);
  });

  it("keeps the newest BACKUP_KEEP backups: the oldest one's file is removed and its run marked so, and other files in the folder stay", async () => {
    const dir = path.join(folder, "keep");
    const clock = clockFrom("2027-03-10T03:00:00Z");
    await runScheduledBackup(settingsIn(dir, 2), clock);
    await writeFile(path.join(dir, "kept-by-hand.backup.gz"), "not the tracker's to remove");
    await runScheduledBackup(settingsIn(dir, 2), clock);
    await runScheduledBackup(settingsIn(dir, 2), clock);

    const runs = await runsIn(dir);
    expect(runs.map((run) => [run.status, run.removedAt !== null])).toEqual([
      ["succeeded", true],
      ["succeeded", false],
      ["succeeded", false],
    ]);
    expect((await readdir(dir)).sort()).toEqual(["kept-by-hand.backup.gz", ...runs.slice(1).map((run) => path.basename(run.file))].sort());
  });

  it("records a backup that cannot be written as failed with its error, tells every admin and nobody else, and keeps the older backups", async () => {
    const admin = await createUser({ roles: ["admin"] });
    const manager = await createUser({ roles: ["manager"] });
    const dir = path.join(folder, "failing");
    await runScheduledBackup(settingsIn(dir, 1), clockFrom("2027-03-31T03:00:00Z"));
    const [kept] = await readdir(dir);
    // A file where the backups' folder should be: the folder cannot be made.
    const blocked = path.join(folder, "blocked");
    await writeFile(blocked, "");

    await runScheduledBackup(settingsIn(blocked, 1), clockFrom("2027-04-01T03:00:00Z"));

    const [failed] = await runsIn(blocked);
    expect(failed).toMatchObject({ status: "failed", sizeBytes: null, startedAt: new Date("2027-04-01T03:00:00Z"), finishedAt: new Date("2027-04-01T03:00:01Z") });
    expect(failed!.error).toMatch(/ENOTDIR|EEXIST/);
    const notifications = await db().notification.findMany({ where: { kind: "backup_failed", recordId: failed!.id } });
    expect(notifications.map((n) => n.recipientId)).toContain(admin.id);
    expect(notifications.map((n) => n.recipientId)).not.toContain(manager.id);
    expect(notifications.find((n) => n.recipientId === admin.id)).toMatchObject({
      recordType: "BackupRun",
      link: "/admin/backups",
      values: { day: "2027-04-01", error: failed!.error },
    });
    expect(await readdir(dir)).toEqual([kept]);
    expect((await runsIn(dir)).map((run) => run.removedAt)).toEqual([null]);
  });
});

describe("reading a backup back", () => {
  it("refuses a cut-off file", async () => {
    const dir = path.join(folder, "cut");
    await runScheduledBackup(settingsIn(dir, 1), clockFrom("2027-05-01T03:00:00Z"));
    const [name] = await readdir(dir);
    const cut = path.join(folder, "cut.backup.gz");
    await copyFile(path.join(dir, name!), cut);
    await truncate(cut, Math.floor((await readFile(cut)).length / 2));
    await expect(verifyBackup(cut)).rejects.toThrow(/cut off or damaged|cut off/);
  });
});

describe("the scheduled backup job", () => {
  it("is kept on BACKUP_SCHEDULE by the worker, in UTC", async () => {
    const worker = await startWorker({ jobs: [scheduledBackupJob(settingsIn(path.join(folder, "never"), 1))] });
    try {
      const schedules = await db().$queryRawUnsafe<{ cron: string; timezone: string }[]>(`SELECT cron, timezone FROM pgboss.schedule WHERE name = 'backups.scheduled'`);
      expect(schedules).toEqual([{ cron: "0 3 * * *", timezone: "UTC" }]);
    } finally {
      await worker.stop();
    }
  });
});
