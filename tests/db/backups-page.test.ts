// What the admins' backups page reads (server/backups/runs.ts): the schedule
// in force with its next run, and the latest runs with their sizes, a run
// whose worker died told apart from one still being written. The clock is
// passed in, never the wall clock.
import { afterEach, describe, expect, it } from "vitest";
import { readBackups } from "../../server/backups/runs";
import { db } from "../../server/db/client";
import { ForbiddenError } from "../../server/errors";
import { createActor } from "../factories";

const scheduleBefore = process.env.BACKUP_SCHEDULE;

afterEach(() => {
  if (scheduleBefore === undefined) delete process.env.BACKUP_SCHEDULE;
  else process.env.BACKUP_SCHEDULE = scheduleBefore;
});

// Far in the future, so that these runs are the newest whatever other tests recorded.
const now = new Date("2091-05-10T12:00:00Z");

describe("the backups page's read", () => {
  it("lists the newest runs first with their file name, size and how they went, and names the next scheduled time", async () => {
    const admin = await createActor(["admin"]);
    process.env.BACKUP_SCHEDULE = "0 3 * * *";
    await db().backupRun.createMany({
      data: [
        { startedAt: new Date("2091-05-09T03:00:00Z"), finishedAt: new Date("2091-05-09T03:01:00Z"), status: "succeeded", file: "/srv/backups/tracker-2091-05-09T03-00-00Z.backup.gz", sizeBytes: 48_213_504n },
        { startedAt: new Date("2091-05-10T03:00:00Z"), finishedAt: new Date("2091-05-10T03:00:05Z"), status: "failed", file: "/srv/backups/tracker-2091-05-10T03-00-00Z.backup.gz", error: "No space left on device" },
      ],
    });

    const backups = await readBackups(admin, { now });

    expect(backups.schedule).toBe("0 3 * * *");
    expect(backups.nextRunAt).toEqual(new Date("2091-05-11T03:00:00Z"));
    expect(backups.runs.slice(0, 2)).toMatchObject([
      { status: "failed", fileName: "tracker-2091-05-10T03-00-00Z.backup.gz", sizeBytes: null, error: "No space left on device" },
      { status: "succeeded", fileName: "tracker-2091-05-09T03-00-00Z.backup.gz", sizeBytes: 48_213_504 },
    ]);
  });

  it("reads a run still running after the job's six hours as interrupted, and one started an hour ago as running", async () => {
    const admin = await createActor(["admin"]);
    const later = new Date("2092-01-01T12:00:00Z");
    await db().backupRun.createMany({
      data: [
        { startedAt: new Date("2092-01-01T05:59:00Z"), file: "/srv/backups/cut-short.backup.gz" },
        { startedAt: new Date("2092-01-01T11:00:00Z"), file: "/srv/backups/being-written.backup.gz" },
      ],
    });

    const { runs } = await readBackups(admin, { now: later });

    expect(runs.slice(0, 2).map((run) => [run.fileName, run.status])).toEqual([
      ["being-written.backup.gz", "running"],
      ["cut-short.backup.gz", "interrupted"],
    ]);
  });

  it("says there is no schedule when BACKUP_SCHEDULE is unset", async () => {
    const admin = await createActor(["admin"]);
    delete process.env.BACKUP_SCHEDULE;
    expect(await readBackups(admin, { now })).toMatchObject({ schedule: null, nextRunAt: null });
  });

  it("is refused to everyone but admins", async () => {
    for (const role of ["manager", "reviewer", "staff"] as const) {
      await expect(readBackups(await createActor([role]), { now })).rejects.toThrow(ForbiddenError);
    }
  });
});
