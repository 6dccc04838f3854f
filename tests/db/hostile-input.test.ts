// Every write of the data-access layer, fed random and hostile values: each
// call either stores exactly the text that was sent, or is refused with a 4xx
// answer that has a message, and then the database is exactly as before.
import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import {
  amendAssessment,
  createAssessment,
  publishAssessment,
  returnAssessment,
  submitAssessment,
  updateAssessment,
} from "../../server/assessments";
import { createCommitment as createCommitmentWrite, setCommitmentArchived, updateCommitment } from "../../server/commitments";
import { db } from "../../server/db/client";
import { Advances, DelayCause, EvidenceKind, EvidenceShows, MilestoneStatus, Reliability, Results } from "../../server/db/generated/enums";
import { logEvidence, retractEvidence } from "../../server/evidence";
import { errorResponse } from "../../server/http";
import { createMilestone as createMilestoneWrite, setMilestoneArchived, updateMilestone } from "../../server/milestones";
import type { Actor } from "../../server/permissions";
import { createPillar as createPillarWrite, updatePillar } from "../../server/pillars";
import { dryRun, importPlan, planImportColumns, type PlanImportColumn } from "../../server/plan-import";
import { closeRound, openRound } from "../../server/rounds";
import { updateMilestoneStatus } from "../../server/status-updates";
import { setPreferredLocale } from "../../server/users";
import {
  actorOf,
  createAgency,
  createCommitment,
  createEvidence,
  createMilestone,
  createPillar,
  createRound,
  createUser,
} from "../factories";

// Enough runs to meet every kind of hostile value several times per write,
// few enough that the file stays well under a minute. A fixed seed: every
// run meets the same inputs, so no run misses one of the two outcomes by
// chance (a random seed once drew no storable status update in 50 runs);
// FAST_CHECK_SEED=<n> explores other inputs.
const runs = { numRuns: 50, seed: Number(process.env.FAST_CHECK_SEED ?? 20261124) };

// ---------------------------------------------------------------------------
// Hostile values
// ---------------------------------------------------------------------------

const markup = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>', "javascript:alert(1)", "{{7*7}}", "${7*7}"];
const sqlFragments = ["'; DROP TABLE \"Milestone\"; --", "1 OR 1=1", "' OR ''='", "\\x00", "$1", "%_%", "E'\\\\'"];
// PostgreSQL cannot store NUL in text, and a lone surrogate has no UTF-8 form.
const unstorable = ["\u0000", "note\u0000", "\ud800", "a\udfffb", "\udc00\ud800"];
const blanks = ["", " ", "\t\n", "\u00a0", "\u200b", "\ufeff"];
const oddDates = [
  "2024-02-30", "2023-02-29", "0000-01-01", "0001-01-01", "9999-12-31", "+275760-09-13", "2024-13-01", "2024-00-10",
  "2024-06-01T23:30:00-05:00", "2024-06-01T00:00:00+14:00", "2024-06-01Z", "20240601", "June 1, 2024", "1e3",
];
const oddNumbers = [0, -1, 1.5, -0, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 2 ** 31, 2 ** 31 - 1, 2 ** 63];

const controlCharacters = fc.string({ unit: fc.integer({ min: 1, max: 0x1f }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 20 });
const longText = fc
  .tuple(fc.constantFrom("x", "é", "𝄞", "<b>", "\u0001", " "), fc.integer({ min: 1_000, max: 100_000 }))
  .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length));

const hostileText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  controlCharacters,
  longText,
  fc.constantFrom(...markup, ...sqlFragments, ...unstorable, ...blanks, ...oddDates),
  fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...unstorable, ...markup)).map(([text, hostile]) => `${text}${hostile}`),
);

/** A value of any shape an attacker can send in JSON or a form, and then some. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileText, weight: 4 },
  fc.constantFrom<unknown>(null, undefined, true, false, ...oddNumbers),
  fc.double(),
  fc.integer(),
  fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.date({ noInvalidDate: false }),
);

/** Text a person may legitimately type: any script, markup, SQL and control characters included. */
const typedText = (max: number) =>
  fc
    .oneof(
      fc.string({ unit: "grapheme", minLength: 1, maxLength: 60 }),
      fc.constantFrom(...markup, ...sqlFragments),
      controlCharacters.map((controls) => `before${controls}after`),
      fc.string({ unit: "binary", minLength: 1, maxLength: 30 }).filter((text) => !text.includes("\u0000")),
    )
    .filter((text) => text.trim().length > 0 && text.trim().length <= max);

/** A field that is mostly valid and sometimes hostile, so that runs reach both answers. */
const field = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: hostileValue, weight: 1 });

/** A request body: mostly an object of such fields, sometimes no object at all. */
const body = <Model extends Record<string, fc.Arbitrary<unknown>>>(model: Model): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: fc.record(model), weight: 12 }, { arbitrary: hostileValue, weight: 1 });

/** The id in a path or a hidden field: mostly the real one (undefined here), sometimes hostile. */
const hostileId = fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, { arbitrary: hostileText, weight: 1 });

// A stand-in for the version the client saw, replaced by the record's version
// now (as a number or as digits) just before the write.
const seenVersion = "(the version seen)";
const seenVersionText = "(the version seen, as text)";
const versionField = field(fc.constantFrom(seenVersion, seenVersionText));

function atVersion(raw: unknown, version: number): unknown {
  if (typeof raw !== "object" || raw === null || !("version" in raw)) return raw;
  if (raw.version === seenVersion) return { ...raw, version };
  if (raw.version === seenVersionText) return { ...raw, version: String(version) };
  return raw;
}

const pastDate = fc.date({ min: new Date("2000-01-01"), max: new Date("2024-12-31"), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));

/** A date field: mostly a valid day, often an odd one, sometimes anything. */
const dateField = (valid: fc.Arbitrary<string | undefined>) =>
  fc.oneof({ arbitrary: valid, weight: 8 }, { arbitrary: fc.constantFrom(...oddDates), weight: 1 }, { arbitrary: hostileValue, weight: 1 });

const enumValue = <Values extends Record<string, string>>(values: Values) => fc.constantFrom(...(Object.values(values) as Values[keyof Values][]));

// ---------------------------------------------------------------------------
// The harness
// ---------------------------------------------------------------------------

/**
 * Every table's row count and the sum of its rows' xmin: any committed write
 * changes it, since a row inserted or updated carries its transaction's id,
 * newer than any row it replaces. Hashing the rows' text instead grew with
 * the notifications and emails the writes leave behind until the file timed
 * out.
 */
async function databaseState(): Promise<Record<string, string>> {
  const tables = await db().$queryRaw<{ name: string }[]>`
    SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`;
  const [state] = await db().$queryRawUnsafe<[Record<string, string>]>(
    `SELECT ${tables
      .map(({ name }) => `(SELECT count(*) || ':' || coalesce(sum(t.xmin::text::bigint), 0) FROM "${name}" t) AS "${name}"`)
      .join(", ")}`,
  );
  return state;
}

const validationMessages = new Set(Object.keys(en.validation));

/**
 * Runs one write. A refusal must be a 4xx answer with a message (and a known
 * message for every field) that left the database as it was; an acceptance
 * is handed to `stored` to compare what was saved with what was sent.
 */
async function expectStoredOrCleanlyRefused<Result>(write: () => Promise<Result>, stored: (result: Result) => Promise<void>): Promise<Outcome> {
  const before = await databaseState();
  let result: Result;
  try {
    result = await write();
  } catch (error) {
    const response = errorResponse(error);
    expect(response.status, String(error)).toBeGreaterThanOrEqual(400);
    expect(response.status, String(error)).toBeLessThan(500);
    const answer = (await response.json()) as { message: string; fields?: Record<string, { code: string }[]> };
    expect(answer.message).toMatch(/\S/);
    for (const issues of Object.values(answer.fields ?? {})) {
      for (const issue of issues) expect(validationMessages, `message of validation.${issue.code}`).toContain(issue.code);
    }
    expect(await databaseState()).toEqual(before);
    return "refused";
  }
  await stored(result);
  return "stored";
}

type Outcome = "stored" | "refused";

/**
 * Checks a property over many inputs; each run answers the outcome of each of
 * its writes. Every write must be both stored and refused in some run, or the
 * property would prove nothing about one of the two answers.
 */
async function everyRun<Input>(inputs: fc.Arbitrary<Input>, run: (input: Input) => Promise<Outcome[]>): Promise<void> {
  const seen: Set<Outcome>[] = [];
  await fc.assert(
    fc.asyncProperty(inputs, async (input) => {
      (await run(input)).forEach((outcome, write) => (seen[write] ??= new Set()).add(outcome));
    }),
    runs,
  );
  for (const outcomes of seen) expect([...outcomes].sort()).toEqual(["refused", "stored"]);
}

/** Text as it is stored: what was sent, without the surrounding white space. */
const sentText = (sent: unknown) => (typeof sent === "string" ? sent.trim() : sent);

async function auditEventsOf(entityId: string) {
  return db().auditEvent.count({ where: { entityId } });
}

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

let admin: Actor;
let manager: Actor;
let agencyId: string;
let agencyCode: string;
let pillarId: string;
let pillarNumber: number;
let editedPillarId: string;
let commitmentId: string;
let evidenceId: string;
let roundId: string;
let ownerId: string;
let ownerEmail: string;

beforeAll(async () => {
  admin = actorOf(await createUser({ roles: ["admin"] }));
  manager = actorOf(await createUser({ roles: ["manager"] }));
  const agency = await createAgency();
  agencyId = agency.id;
  agencyCode = agency.code;
  const pillar = await createPillar();
  pillarId = pillar.id;
  pillarNumber = pillar.number;
  editedPillarId = (await createPillar()).id;
  commitmentId = (await createCommitment({ pillarId, agencyIds: [agencyId] })).id;
  evidenceId = (await createEvidence({ commitmentId })).id;
  roundId = (await createRound()).id;
  const owner = await createUser({ roles: ["staff"], agencyId });
  ownerId = owner.id;
  ownerEmail = owner.email;
});

const staffOfAgency = async () => actorOf(await createUser({ roles: ["staff"], agencyId }));
const reviewer = async () => actorOf(await createUser({ roles: ["reviewer"] }));

// ---------------------------------------------------------------------------
// Status updates
// ---------------------------------------------------------------------------

describe("hostile input to status updates", () => {
  it("a status update either stores the note as sent or is refused with a message and writes nothing", async () => {
    const input = fc.record({
      id: hostileId,
      raw: body({
        status: field(enumValue(MilestoneStatus)),
        note: field(typedText(5000)),
        cause: field(fc.option(enumValue(DelayCause), { nil: undefined })),
        completedOn: dateField(fc.option(pastDate, { nil: undefined })),
        version: versionField,
      }),
    });
    await everyRun(input, async ({ id, raw }) => {
      const actor = await staffOfAgency();
      const milestone = await createMilestone({ commitmentId });
      return [
        await expectStoredOrCleanlyRefused(
          () => updateMilestoneStatus(actor, id ?? milestone.id, atVersion(raw, milestone.version)),
          async (result) => {
            const stored = await db().statusUpdate.findUniqueOrThrow({ where: { id: result.statusUpdate.id } });
            expect(stored.note).toBe(sentText((raw as { note: unknown }).note));
            expect(stored.newStatus).toBe((raw as { status: unknown }).status);
            expect(await auditEventsOf(milestone.id)).toBe(1);
          },
        ),
      ];
    });
  });
});

// ---------------------------------------------------------------------------
// Keeping the plan: pillars, commitments, milestones, the CSV import
// ---------------------------------------------------------------------------

const pillarModel = {
  number: field(fc.constantFrom(1, 2, 3, 4, 5, "3")),
  code: field(fc.stringMatching(/^[A-Za-z0-9]{1,8}$/)),
  name: field(typedText(200)),
  description: field(fc.option(typedText(2000), { nil: undefined })),
};

async function expectPillarAsSent(pillar: { id: string }, raw: unknown) {
  const stored = await db().pillar.findUniqueOrThrow({ where: { id: pillar.id } });
  const sent = raw as { name: unknown; description?: unknown };
  expect(stored.name).toBe(sentText(sent.name));
  expect(stored.description).toBe(sentText(sent.description) ?? "");
}

const commitmentModel = () => ({
  pillarId: field(fc.constant(pillarId)),
  title: field(typedText(300)),
  description: field(fc.option(typedText(5000), { nil: undefined })),
  leadParty: field(fc.constantFrom("us", "mx", "joint")),
  agencyIds: field(fc.constantFrom([], [agencyId], agencyId)),
  startDate: dateField(fc.option(pastDate, { nil: undefined })),
  targetDate: dateField(fc.option(fc.constant("2030-12-31"), { nil: undefined })),
  sourceCitation: field(fc.option(typedText(1000), { nil: undefined })),
  ownerId: field(fc.option(fc.constant(ownerId), { nil: undefined })),
});

async function expectCommitmentAsSent(commitment: { id: string }, raw: unknown) {
  const stored = await db().commitment.findUniqueOrThrow({ where: { id: commitment.id } });
  const sent = raw as { title: unknown; description?: unknown; sourceCitation?: unknown };
  expect(stored.title).toBe(sentText(sent.title));
  expect(stored.description).toBe(sentText(sent.description) ?? "");
  expect(stored.sourceCitation).toBe(sentText(sent.sourceCitation) ?? "");
}

const milestoneModel = () => ({
  commitmentId: field(fc.constant(commitmentId)),
  title: field(typedText(300)),
  description: field(fc.option(typedText(5000), { nil: undefined })),
  dueDate: dateField(pastDate),
  ownerId: field(fc.option(fc.constant(ownerId), { nil: undefined })),
});

async function expectMilestoneAsSent(milestone: { id: string }, raw: unknown) {
  const stored = await db().milestone.findUniqueOrThrow({ where: { id: milestone.id } });
  const sent = raw as { title: unknown; description?: unknown };
  expect(stored.title).toBe(sentText(sent.title));
  expect(stored.description).toBe(sentText(sent.description) ?? "");
}

const withVersion = <Model extends Record<string, fc.Arbitrary<unknown>>>(model: Model) => ({ ...model, version: versionField });
const archiving = fc.record({ id: hostileId, archive: fc.boolean(), raw: body({ version: versionField }) });

describe("hostile input to keeping the plan", () => {
  it("creating a pillar stores its texts as sent or is refused cleanly", async () => {
    await everyRun(body(pillarModel), async (raw) => [
      await expectStoredOrCleanlyRefused(() => createPillarWrite(admin, raw), (pillar) => expectPillarAsSent(pillar, raw)),
    ]);
  });

  it("editing a pillar stores its texts as sent or is refused cleanly", async () => {
    await everyRun(fc.record({ id: hostileId, raw: body(withVersion(pillarModel)) }), async ({ id, raw }) => {
      const pillar = await db().pillar.findUniqueOrThrow({ where: { id: editedPillarId } });
      const sent = atVersion(raw, pillar.version);
      return [await expectStoredOrCleanlyRefused(() => updatePillar(admin, id ?? pillar.id, sent), (updated) => expectPillarAsSent(updated, sent))];
    });
  });

  it("creating a commitment stores its texts as sent or is refused cleanly", async () => {
    await everyRun(body(commitmentModel()), async (raw) => [
      await expectStoredOrCleanlyRefused(() => createCommitmentWrite(admin, raw), (commitment) => expectCommitmentAsSent(commitment, raw)),
    ]);
  });

  it("editing a commitment stores its texts as sent or is refused cleanly", async () => {
    await everyRun(fc.record({ id: hostileId, raw: body(withVersion(commitmentModel())) }), async ({ id, raw }) => {
      const commitment = await createCommitment({ pillarId });
      const sent = atVersion(raw, commitment.version);
      return [await expectStoredOrCleanlyRefused(() => updateCommitment(admin, id ?? commitment.id, sent), (updated) => expectCommitmentAsSent(updated, sent))];
    });
  });

  it("archiving or restoring a commitment happens in full or is refused cleanly", async () => {
    await everyRun(archiving, async ({ id, archive, raw }) => {
      const commitment = await createCommitment({ pillarId });
      return [
        await expectStoredOrCleanlyRefused(
          () => setCommitmentArchived(admin, id ?? commitment.id, archive, atVersion(raw, commitment.version)),
          async () => expect(await auditEventsOf(commitment.id)).toBe(1),
        ),
      ];
    });
  });

  it("creating a milestone stores its texts as sent or is refused cleanly", async () => {
    await everyRun(body(milestoneModel()), async (raw) => [
      await expectStoredOrCleanlyRefused(() => createMilestoneWrite(admin, raw), (milestone) => expectMilestoneAsSent(milestone, raw)),
    ]);
  });

  it("editing a milestone stores its texts as sent or is refused cleanly", async () => {
    await everyRun(fc.record({ id: hostileId, raw: body(withVersion(milestoneModel())) }), async ({ id, raw }) => {
      const milestone = await createMilestone({ commitmentId });
      const sent = atVersion(raw, milestone.version);
      return [await expectStoredOrCleanlyRefused(() => updateMilestone(admin, id ?? milestone.id, sent), (updated) => expectMilestoneAsSent(updated, sent))];
    });
  });

  it("archiving or restoring a milestone happens in full or is refused cleanly", async () => {
    await everyRun(archiving, async ({ id, archive, raw }) => {
      const milestone = await createMilestone({ commitmentId });
      return [
        await expectStoredOrCleanlyRefused(
          () => setMilestoneArchived(admin, id ?? milestone.id, archive, atVersion(raw, milestone.version)),
          async () => expect(await auditEventsOf(milestone.id)).toBe(1),
        ),
      ];
    });
  });
});

describe("hostile input to the plan import", () => {
  const cell = (valid: fc.Arbitrary<string>) => fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: hostileText, weight: 1 });
  const importRow = () =>
    fc.record<Record<PlanImportColumn, string>>({
      pillar: cell(fc.constant(String(pillarNumber))),
      commitment_title_en: cell(typedText(300)),
      commitment_title_es: cell(typedText(300)),
      commitment_description_en: cell(typedText(5000)),
      commitment_description_es: cell(typedText(5000)),
      lead_party: cell(fc.constantFrom("us", "MX", "joint")),
      agencies: cell(fc.constantFrom("", agencyCode, `${agencyCode};${agencyCode.toLowerCase()}`)),
      commitment_start: cell(pastDate),
      commitment_target: cell(fc.constant("2030-12-31")),
      source_citation: cell(typedText(1000)),
      milestone_title_en: cell(typedText(300)),
      milestone_title_es: cell(typedText(300)),
      milestone_description_en: cell(typedText(5000)),
      milestone_description_es: cell(typedText(5000)),
      due_date: cell(fc.oneof({ arbitrary: pastDate, weight: 8 }, { arbitrary: fc.constantFrom(...oddDates), weight: 1 })),
      owner_email: cell(fc.constantFrom("", ownerEmail, ownerEmail.toUpperCase())),
    });
  const csvFile = (): fc.Arbitrary<{ csv: string; rows: Record<PlanImportColumn, string>[] }> =>
    fc.oneof(
      {
        arbitrary: fc.array(importRow(), { minLength: 1, maxLength: 3 }).map((rows) => ({
          csv: stringify([[...planImportColumns], ...rows.map((row) => planImportColumns.map((column) => row[column]))]),
          rows,
        })),
        weight: 8,
      },
      { arbitrary: hostileText.map((csv) => ({ csv, rows: [] })), weight: 1 },
      { arbitrary: fc.tuple(hostileText, hostileText).map(([header, row]) => ({ csv: `${header}\n${row}\n`, rows: [] })), weight: 1 },
    );

  it("an import stores every row's texts as sent or is refused whole with a message per problem", async () => {
    await everyRun(csvFile(), async ({ csv, rows }) => [
      await expectStoredOrCleanlyRefused(
        () => importPlan(admin, csv),
        async (result) => {
          expect(result.milestonesCreated).toBe(rows.length);
          for (const row of rows) {
            const stored = await db().milestone.findFirst({
              where: { title: row.milestone_title_en.trim(), commitment: { title: row.commitment_title_en.trim() } },
              select: { description: true, titleEs: true },
            });
            expect(stored?.description).toBe(row.milestone_description_en.trim());
            expect(stored?.titleEs).toBe(row.milestone_title_es.trim() || null);
          }
        },
      ),
    ]);
  });

  it("a dry run answers problems with known messages and writes nothing, whatever the file holds", async () => {
    await fc.assert(
      fc.asyncProperty(csvFile(), async ({ csv }) => {
        const before = await databaseState();
        const { problems } = await dryRun(admin, csv);
        for (const problem of problems) expect(validationMessages).toContain(problem.code);
        expect(await databaseState()).toEqual(before);
      }),
      runs,
    );
  });
});

// ---------------------------------------------------------------------------
// Evidence and retractions
// ---------------------------------------------------------------------------

describe("hostile input to evidence", () => {
  it("logging evidence stores its texts as sent or is refused cleanly", async () => {
    const evidence = body({
      commitmentId: field(fc.constant(commitmentId)),
      milestoneId: field(fc.constant(undefined)),
      title: field(typedText(300)),
      kind: field(enumValue(EvidenceKind)),
      publisher: field(typedText(300)),
      url: field(fc.option(fc.webUrl({ withQueryParameters: true, withFragments: true }), { nil: undefined })),
      publishedOn: dateField(fc.option(pastDate, { nil: undefined })),
      summary: field(typedText(5000)),
      shows: field(enumValue(EvidenceShows)),
      reliability: field(enumValue(Reliability)),
    });
    await everyRun(evidence, async (raw) => {
      const actor = await reviewer();
      return [
        await expectStoredOrCleanlyRefused(
          () => logEvidence(actor, raw),
          async (created) => {
            const stored = await db().evidence.findUniqueOrThrow({ where: { id: created.id } });
            const sent = raw as { title: unknown; publisher: unknown; summary: unknown; url?: unknown };
            expect(stored.title).toBe(sentText(sent.title));
            expect(stored.publisher).toBe(sentText(sent.publisher));
            expect(stored.summary).toBe(sentText(sent.summary));
            expect(stored.url).toBe(sent.url ?? null);
            // A link to it must never run script: only web addresses are kept.
            if (stored.url !== null) expect(stored.url).toMatch(/^https?:\/\//i);
          },
        ),
      ];
    });
  });

  it("a retraction stores its reason as sent or is refused cleanly", async () => {
    await everyRun(fc.record({ id: hostileId, raw: body({ reason: field(typedText(2000)) }) }), async ({ id, raw }) => {
      const actor = await reviewer();
      const evidence = await createEvidence({ commitmentId, authorId: actor.id });
      return [
        await expectStoredOrCleanlyRefused(
          () => retractEvidence(actor, id ?? evidence.id, raw),
          async (retraction) => {
            const stored = await db().evidenceRetraction.findUniqueOrThrow({ where: { id: retraction.id } });
            expect(stored.reason).toBe(sentText((raw as { reason: unknown }).reason));
          },
        ),
      ];
    });
  });
});

// ---------------------------------------------------------------------------
// Rounds and assessments
// ---------------------------------------------------------------------------

describe("hostile input to rounds", () => {
  it("opening a round stores its title as sent or is refused cleanly", async () => {
    const round = body({ title: field(typedText(200)), periodStart: dateField(pastDate), periodEnd: dateField(fc.constant("2025-12-31")) });
    await everyRun(round, async (raw) => [
      await expectStoredOrCleanlyRefused(
        () => openRound(manager, raw),
        async (opened) => expect(opened.title).toBe(sentText((raw as { title: unknown }).title)),
      ),
    ]);
  });

  it("closing a round happens in full or is refused cleanly", async () => {
    await everyRun(hostileId, async (id) => {
      const round = await createRound();
      return [
        await expectStoredOrCleanlyRefused(
          () => closeRound(manager, id ?? round.id),
          async (closed) => expect(closed.status).toBe("closed"),
        ),
      ];
    });
  });
});

const verdict = {
  advances: field(fc.option(enumValue(Advances), { nil: undefined })),
  results: field(fc.option(enumValue(Results), { nil: undefined })),
  narrative: field(fc.option(typedText(20_000), { nil: undefined })),
};

async function expectNarrativeAsSent(assessment: { id: string }, raw: unknown) {
  const stored = await db().assessment.findUniqueOrThrow({ where: { id: assessment.id } });
  const sent = raw as { narrative?: unknown };
  if (sent.narrative !== undefined) expect(stored.narrative).toBe(sentText(sent.narrative));
}

/** A reviewer's draft of the fixture pillar, complete enough to submit. */
async function completeDraft() {
  const author = await reviewer();
  const draft = await createAssessment(author, { roundId, pillarId, advances: "steady", results: "slow", narrative: "Steady work.", evidenceIds: [evidenceId] });
  return { author, draft };
}

const versionNow = async (id: string) => (await db().assessment.findUniqueOrThrow({ where: { id } })).version;

describe("hostile input to assessments", () => {
  it("starting an independent assessment stores its narrative as sent or is refused cleanly", async () => {
    const draft = body({
      roundId: field(fc.constant(roundId)),
      kind: field(fc.constantFrom("independent", undefined)),
      pillarId: field(fc.constant(pillarId)),
      commitmentId: field(fc.option(fc.constant(commitmentId), { nil: undefined })),
      ...verdict,
      evidenceIds: field(fc.constantFrom([], [evidenceId], evidenceId)),
    });
    await everyRun(draft, async (raw) => {
      const actor = await reviewer();
      return [await expectStoredOrCleanlyRefused(() => createAssessment(actor, raw), (created) => expectNarrativeAsSent(created, raw))];
    });
  });

  it("starting a self-assessment stores its narrative as sent or is refused cleanly", async () => {
    const draft = body({
      roundId: field(fc.constant(roundId)),
      kind: field(fc.constant("self_assessment")),
      commitmentId: field(fc.constant(commitmentId)),
      ...verdict,
      evidenceIds: field(fc.constantFrom([], [evidenceId])),
    });
    await everyRun(draft, async (raw) => {
      const actor = await staffOfAgency();
      // One self-assessment per agency and commitment in a round: each run gets a round of its own.
      const round = await createRound();
      const sent = typeof raw === "object" && raw !== null && "roundId" in raw && raw.roundId === roundId ? { ...raw, roundId: round.id } : raw;
      return [await expectStoredOrCleanlyRefused(() => createAssessment(actor, sent), (created) => expectNarrativeAsSent(created, sent))];
    });
  });

  it("editing a draft stores its narrative as sent or is refused cleanly", async () => {
    const edit = body({ version: versionField, ...verdict, evidenceIds: field(fc.constantFrom([], [evidenceId])) });
    await everyRun(fc.record({ id: hostileId, raw: edit }), async ({ id, raw }) => {
      const { author, draft } = await completeDraft();
      const sent = atVersion(raw, draft.version);
      return [await expectStoredOrCleanlyRefused(() => updateAssessment(author, id ?? draft.id, sent), (updated) => expectNarrativeAsSent(updated, sent))];
    });
  });

  it("submitting, publishing and amending happen in full or are refused cleanly", async () => {
    const step = fc.record({ id: hostileId, raw: body({ version: versionField }) });
    await everyRun(fc.record({ submit: step, publish: step, amendId: hostileId }), async ({ submit, publish, amendId }) => {
      const { author, draft } = await completeDraft();
      return [
        await expectStoredOrCleanlyRefused(
          () => submitAssessment(author, submit.id ?? draft.id, atVersion(submit.raw, draft.version)),
          async (submitted) => expect(submitted.state).toBe("submitted"),
        ),
        await expectStoredOrCleanlyRefused(
          async () => publishAssessment(manager, publish.id ?? draft.id, atVersion(publish.raw, await versionNow(draft.id))),
          async (published) => expect(published.state).toBe("published"),
        ),
        await expectStoredOrCleanlyRefused(
          () => amendAssessment(author, amendId ?? draft.id),
          async (amendment) => expect(amendment.amendsId).toBe(draft.id),
        ),
      ];
    });
  });

  it("returning an assessment stores the comment as sent or is refused cleanly", async () => {
    const decision = body({ version: versionField, comment: field(typedText(5000)) });
    await everyRun(fc.record({ id: hostileId, raw: decision }), async ({ id, raw }) => {
      const { author, draft } = await completeDraft();
      const submitted = await submitAssessment(author, draft.id, { version: draft.version });
      return [
        await expectStoredOrCleanlyRefused(
          () => returnAssessment(manager, id ?? submitted.id, atVersion(raw, submitted.version)),
          async (returned) => expect(returned.returnComment).toBe(sentText((raw as { comment: unknown }).comment)),
        ),
      ];
    });
  });
});

// ---------------------------------------------------------------------------
// The account's own settings
// ---------------------------------------------------------------------------

describe("hostile input to the language preference", () => {
  it("a language preference is stored as chosen or refused cleanly", async () => {
    await everyRun(body({ locale: field(fc.constantFrom("en", "es")) }), async (raw) => {
      const user = await createUser({ roles: ["reviewer"] });
      return [
        await expectStoredOrCleanlyRefused(
          () => setPreferredLocale(actorOf(user), raw),
          async () => expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe((raw as { locale: unknown }).locale),
        ),
      ];
    });
  });
});
