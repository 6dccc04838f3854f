// The database itself holds the rules that must never depend on application
// code being right: append-only history, required notes and causes.
import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client";
import { createMilestone, createUser } from "../factories";

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

  it("refuses to change or delete a status update, even in raw SQL", async () => {
    const { milestone, author } = await milestoneWithAuthor();
    const update = await db().statusUpdate.create({
      data: { milestoneId: milestone.id, previousStatus: "not_started", newStatus: "in_progress", note: "Started", authorId: author.id },
    });
    await expect(db().$executeRaw`UPDATE "StatusUpdate" SET note = 'rewritten' WHERE id = ${update.id}`).rejects.toThrow(/append-only/);
    await expect(db().$executeRaw`DELETE FROM "StatusUpdate" WHERE id = ${update.id}`).rejects.toThrow(/append-only/);
    expect((await db().statusUpdate.findUniqueOrThrow({ where: { id: update.id } })).note).toBe("Started");
  });

  it("refuses to change or delete an audit event", async () => {
    const author = await createUser({ roles: ["admin"] });
    const event = await db().auditEvent.create({ data: { actorId: author.id, action: "test", entityType: "User", entityId: author.id } });
    await expect(db().$executeRaw`UPDATE "AuditEvent" SET action = 'other' WHERE id = ${event.id}`).rejects.toThrow(/append-only/);
    await expect(db().$executeRaw`DELETE FROM "AuditEvent" WHERE id = ${event.id}`).rejects.toThrow(/append-only/);
  });
});

async function milestoneWithAuthor() {
  const author = await createUser({ roles: ["staff"] });
  const milestone = await createMilestone();
  return { milestone, author };
}
