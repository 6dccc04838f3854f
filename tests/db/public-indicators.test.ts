import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client";
import { NotFoundError } from "../../server/errors";
import { publicIndicator, publicPillarIndicators } from "../../server/public-indicators";
import { publicPillarFigures } from "../../server/public-record";
import { createCommitment, createEvidence, createMilestone, createPillar, createUser } from "../factories";

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const today = "2025-01-01";

let pillar: { id: string; number: number };
let staff: { id: string; name: string; email: string };
let measured: { id: string };
let unmeasured: { id: string };
let reported: { id: string; title: string };
let retracted: { id: string; title: string };

beforeAll(async () => {
  pillar = await createPillar();
  staff = await createUser({ roles: ["staff"] });
  const commitment = await createCommitment({ pillarId: pillar.id });
  await createMilestone({ commitmentId: commitment.id });
  // Evidence is never changed once logged: this one is logged with its link.
  reported = await db().evidence.create({
    data: { commitmentId: commitment.id, title: "Annual seizures report", kind: "dataset", publisher: "Test publisher", url: "https://www.example.org/report", publishedOn: day("2024-06-01"), summary: "Tonnes seized.", shows: "advance", reliability: "official_record", authorId: staff.id },
  });
  retracted = await createEvidence({ commitmentId: commitment.id, publishedOn: null, authorId: staff.id });
  await db().evidenceRetraction.create({ data: { evidenceId: retracted.id, reason: "The publisher withdrew the figures.", authorId: staff.id } });
  measured = await db().indicator.create({
    data: {
      pillarId: pillar.id,
      commitmentId: commitment.id,
      name: "Seizures",
      nameEs: "Decomisos",
      unit: "tonnes",
      better: "higher",
      baselineValue: 10,
      baselineDate: day("2020-01-01"),
      targetValue: 40,
      targetDate: day("2026-12-31"),
    },
  });
  const observation = (value: number, observedOn: string, evidenceId: string | null, note: string | null) => ({ indicatorId: measured.id, value, observedOn: day(observedOn), evidenceId, note, authorId: staff.id });
  await db().observation.createMany({
    data: [
      observation(22.5, "2023-12-31", retracted.id, "Private observation note: counted twice?"),
      observation(12, "2021-12-31", reported.id, null),
      observation(30, "2024-12-31", null, null),
      // After the day asked about: not yet observed then.
      observation(35, "2025-06-30", reported.id, null),
    ],
  });
  unmeasured = await db().indicator.create({ data: { pillarId: pillar.id, name: "Arrests", unit: "people", better: "higher" } });
});

afterEach(() => {
  delete process.env.PUBLIC_SITE;
});

describe("the public indicators", () => {
  it("list a pillar's indicators by name, each with its baseline, target and latest value observed by the day", async () => {
    const indicators = await publicPillarIndicators(pillar.number, today);
    expect(indicators).toEqual([
      {
        id: unmeasured.id,
        name: "Arrests",
        nameEs: null,
        unit: "people",
        unitEs: null,
        better: "higher",
        baselineValue: null,
        baselineDate: null,
        targetValue: null,
        targetDate: null,
        latest: null,
      },
      {
        id: measured.id,
        name: "Seizures",
        nameEs: "Decomisos",
        unit: "tonnes",
        unitEs: null,
        better: "higher",
        baselineValue: 10,
        baselineDate: "2020-01-01",
        targetValue: 40,
        targetDate: "2026-12-31",
        latest: { value: 30, observedOn: "2024-12-31" },
      },
    ]);
    // A day later, the value observed after it counts.
    expect((await publicPillarIndicators(pillar.number, "2025-07-01")).find((row) => row.id === measured.id)!.latest).toEqual({ value: 35, observedOn: "2025-06-30" });
  });

  it("show an indicator's values observed by the day, oldest first, each with its published source and any retraction", async () => {
    const indicator = await publicIndicator(measured.id, today);
    expect(indicator).toMatchObject({ name: "Seizures", nameEs: "Decomisos", baselineValue: 10, baselineDate: "2020-01-01", targetValue: 40, targetDate: "2026-12-31", pillar: { number: pillar.number } });
    expect(indicator.commitment).not.toBeNull();
    expect(indicator.observations.map((row) => [row.observedOn, row.value])).toEqual([
      ["2021-12-31", 12],
      ["2023-12-31", 22.5],
      ["2024-12-31", 30],
    ]);
    expect(indicator.observations[0]!.source).toMatchObject({ title: reported.title, publisher: "Test publisher", publishedOn: "2024-06-01", url: "https://www.example.org/report", retraction: null });
    expect(indicator.observations[1]!.source).toMatchObject({ title: retracted.title, publishedOn: null, retraction: { reason: "The publisher withdrew the figures." } });
    expect(indicator.observations[2]!.source).toBeNull();
  });

  it("never carry an observation's note, nor the name or email of who recorded it or logged its source", async () => {
    const everything = JSON.stringify([await publicIndicator(measured.id, today), await publicPillarIndicators(pillar.number, today)]);
    for (const secret of ["Private observation note", staff.name, staff.email, staff.id]) expect(everything).not.toContain(secret);
  });

  it("leave out the commitment of an indicator once it is archived", async () => {
    const { commitmentId } = await db().indicator.findUniqueOrThrow({ where: { id: measured.id } });
    await db().commitment.update({ where: { id: commitmentId! }, data: { archivedAt: new Date() } });
    try {
      expect((await publicIndicator(measured.id, today)).commitment).toBeNull();
    } finally {
      await db().commitment.update({ where: { id: commitmentId! }, data: { archivedAt: null } });
    }
  });

  it("answer not found for an unknown or malformed indicator, and for an unknown pillar's card", async () => {
    expect(await failure(publicIndicator("no-such-indicator", today))).toBeInstanceOf(NotFoundError);
    expect(await failure(publicIndicator("../../etc/passwd", today))).toBeInstanceOf(NotFoundError);
    expect(await failure(publicPillarFigures(999))).toBeInstanceOf(NotFoundError);
  });

  it("give a pillar's card today's figures as the overview shows them", async () => {
    const { asOf, pillar: figures } = await publicPillarFigures(pillar.number);
    expect(asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(figures).toMatchObject({ number: pillar.number, milestoneCount: 1, milestonesByStatus: { not_started: 1 }, percentCompleted: 0 });
  });

  it("are not found anywhere with PUBLIC_SITE=off", async () => {
    process.env.PUBLIC_SITE = "off";
    expect(await failure(publicPillarIndicators(pillar.number, today))).toBeInstanceOf(NotFoundError);
    expect(await failure(publicIndicator(measured.id, today))).toBeInstanceOf(NotFoundError);
    expect(await failure(publicPillarFigures(pillar.number))).toBeInstanceOf(NotFoundError);
  });
});
