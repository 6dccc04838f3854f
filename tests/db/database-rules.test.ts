// The database itself holds the rules that must never depend on application
// code being right: append-only history, required notes and causes. The
// application role may not even try to change the append-only rows
// (database-privileges.test.ts); the triggers tried here hold for the tables'
// owner, which holds every privilege, too.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { milestoneStatuses, namesACause } from "../../domain/milestone-status";
import { db } from "../../server/db/client";
import { createCommitment, createEvidence, createMilestone, createPillar, createRound, createUser } from "../factories";

let owner: pg.Client;

beforeAll(async () => {
  owner = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL });
  await owner.connect();
});

afterAll(async () => {
  await owner.end();
});

/** Runs a statement as the tables' owner. */
const asOwner = (sql: string, ...values: unknown[]) => owner.query(sql, values);

describe("database rules", () => {
  it("refuses a status update with an empty note", async () => {
    const { milestone, author } = await milestoneWithAuthor();
    await expect(
      db().statusUpdate.create({
        data: { milestoneId: milestone.id, previousStatus: "not_started", newStatus: "in_progress", note: "   ", authorId: author.id },
      }),
    ).rejects.toThrow(/StatusUpdate_note_present/);
  });

  it("refuses a move to at risk without its cause", async () => {
    const { milestone, author } = await milestoneWithAuthor();
    await expect(
      db().statusUpdate.create({
        data: { milestoneId: milestone.id, previousStatus: "in_progress", newStatus: "at_risk", note: "Funding gap", authorId: author.id },
      }),
    ).rejects.toThrow(/StatusUpdate_cause_when_at_risk_or_delayed/);
  });

  it("asks a cause of a move to exactly the statuses the application asks one of", async () => {
    const { milestone, author } = await milestoneWithAuthor();
    const accepted = async (newStatus: (typeof milestoneStatuses)[number], cause: "funding" | null) =>
      db()
        .statusUpdate.create({
          data: { milestoneId: milestone.id, previousStatus: "in_progress", newStatus, cause, completedOn: newStatus === "completed" ? new Date("2026-01-01") : null, note: "Moved", authorId: author.id },
        })
        .then(() => true, () => false);
    for (const status of milestoneStatuses) {
      expect({ status, withCause: await accepted(status, "funding"), withoutCause: await accepted(status, null) }).toEqual({
        status,
        withCause: namesACause(status),
        withoutCause: !namesACause(status),
      });
    }
  });

  it("refuses to change or delete a status update, even to the tables' owner in raw SQL", async () => {
    const { milestone, author } = await milestoneWithAuthor();
    const update = await db().statusUpdate.create({
      data: { milestoneId: milestone.id, previousStatus: "not_started", newStatus: "in_progress", note: "Started", authorId: author.id },
    });
    await expect(asOwner(`UPDATE "StatusUpdate" SET note = 'rewritten' WHERE id = $1`, update.id)).rejects.toThrow(/append-only/);
    await expect(asOwner(`DELETE FROM "StatusUpdate" WHERE id = $1`, update.id)).rejects.toThrow(/append-only/);
    expect((await db().statusUpdate.findUniqueOrThrow({ where: { id: update.id } })).note).toBe("Started");
  });

  it("refuses to change or delete an audit event, even to the tables' owner", async () => {
    const author = await createUser({ roles: ["admin"] });
    const event = await db().auditEvent.create({ data: { actorId: author.id, action: "test", entityType: "User", entityId: author.id } });
    await expect(asOwner(`UPDATE "AuditEvent" SET action = 'other' WHERE id = $1`, event.id)).rejects.toThrow(/append-only/);
    await expect(asOwner(`DELETE FROM "AuditEvent" WHERE id = $1`, event.id)).rejects.toThrow(/append-only/);
  });

  it("refuses to change or delete evidence, even to the tables' owner in raw SQL", async () => {
    const evidence = await createEvidence({ commitmentId: (await createCommitment()).id });
    await expect(asOwner(`UPDATE "Evidence" SET title = 'rewritten' WHERE id = $1`, evidence.id)).rejects.toThrow(/append-only/);
    await expect(asOwner(`DELETE FROM "Evidence" WHERE id = $1`, evidence.id)).rejects.toThrow(/append-only/);
    expect((await db().evidence.findUniqueOrThrow({ where: { id: evidence.id } })).title).toBe(evidence.title);
  });

  it("refuses to change or delete an evidence retraction, even to the tables' owner in raw SQL", async () => {
    const author = await createUser({ roles: ["reviewer"] });
    const evidence = await createEvidence({ commitmentId: (await createCommitment()).id });
    const retraction = await db().evidenceRetraction.create({ data: { evidenceId: evidence.id, reason: "Misquoted source", authorId: author.id } });
    await expect(asOwner(`UPDATE "EvidenceRetraction" SET reason = 'rewritten' WHERE id = $1`, retraction.id)).rejects.toThrow(/append-only/);
    await expect(asOwner(`DELETE FROM "EvidenceRetraction" WHERE id = $1`, retraction.id)).rejects.toThrow(/append-only/);
    expect((await db().evidenceRetraction.findUniqueOrThrow({ where: { id: retraction.id } })).reason).toBe("Misquoted source");
  });

  it("refuses to change or delete a published assessment or its citations, even to the tables' owner in raw SQL, while a draft may change", async () => {
    const reviewer = await createUser({ roles: ["reviewer"] });
    const manager = await createUser({ roles: ["manager"] });
    const pillar = await createPillar();
    const evidence = await createEvidence({ commitmentId: (await createCommitment({ pillarId: pillar.id })).id });
    const round = await createRound({ openedById: manager.id });
    const assessment = await db().assessment.create({
      data: {
        roundId: round.id,
        pillarId: pillar.id,
        authorId: reviewer.id,
        advances: "steady",
        results: "slow",
        narrative: "Steady advances, slow results.",
        citations: { create: [{ evidenceId: evidence.id }] },
      },
    });
    await db().$executeRaw`UPDATE "Assessment" SET narrative = 'Draft rewritten.' WHERE id = ${assessment.id}`;
    await db().$executeRaw`UPDATE "Assessment" SET state = 'published', "submittedAt" = now(), "publishedAt" = now(), "publishedById" = ${manager.id} WHERE id = ${assessment.id}`;

    await expect(db().$executeRaw`UPDATE "Assessment" SET narrative = 'rewritten' WHERE id = ${assessment.id}`).rejects.toThrow(/published assessment is never changed/);
    await expect(asOwner(`UPDATE "Assessment" SET narrative = 'rewritten' WHERE id = $1`, assessment.id)).rejects.toThrow(/published assessment is never changed/);
    await expect(asOwner(`DELETE FROM "Assessment" WHERE id = $1`, assessment.id)).rejects.toThrow(/published assessment is never changed/);
    await expect(db().$executeRaw`DELETE FROM "AssessmentCitation" WHERE "assessmentId" = ${assessment.id}`).rejects.toThrow(/citations of a published assessment/);
    await expect(asOwner(`DELETE FROM "AssessmentCitation" WHERE "assessmentId" = $1`, assessment.id)).rejects.toThrow(/citations of a published assessment/);
    const stored = await db().assessment.findUniqueOrThrow({ where: { id: assessment.id }, include: { citations: true } });
    expect(stored).toMatchObject({ state: "published", narrative: "Draft rewritten." });
    expect(stored.citations).toHaveLength(1);
  });
});

async function milestoneWithAuthor() {
  const author = await createUser({ roles: ["staff"] });
  const milestone = await createMilestone();
  return { milestone, author };
}
