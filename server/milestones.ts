import "server-only";
import { z } from "zod";
import { recordAudit } from "./audit";
import { archiveInput } from "./commitments";
import { db, type Transaction } from "./db/client";
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from "./errors";
import { ensure, type Actor } from "./permissions";
import { calendarDate, dateOnly, optionalRecordId, parseInput, recordId, versionSeen } from "./validation";

/** One milestone with its commitment, pillar, evidence and full history, newest first. */
export async function getMilestone(actor: Actor, id: string) {
  ensure(actor, "plan.read");
  const milestone = await db().milestone.findUnique({
    where: { id },
    include: {
      owner: { select: { name: true } },
      commitment: { select: { id: true, title: true, pillar: { select: { number: true, code: true, name: true } } } },
      statusUpdates: {
        orderBy: { createdAt: "desc" },
        include: { author: { select: { name: true } } },
      },
      evidence: {
        orderBy: { publishedOn: "desc" },
        include: { retraction: { select: { reason: true } } },
      },
    },
  });
  if (!milestone) throw new NotFoundError();
  return milestone;
}

// ---------------------------------------------------------------------------
// Keeping the plan: admins create, edit, archive and restore milestones.
// Status is never set here: it changes only through a status update.
// ---------------------------------------------------------------------------

export const milestoneInput = z.object({
  commitmentId: recordId,
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(5000).default(""),
  dueDate: calendarDate,
  ownerId: optionalRecordId,
});

export type MilestoneInput = z.output<typeof milestoneInput>;

export const milestoneUpdateInput = milestoneInput.extend({ version: versionSeen });

async function checkMilestoneReferences(tx: Transaction, input: MilestoneInput): Promise<void> {
  const fieldErrors: FieldErrors = {};
  if (!(await tx.commitment.findFirst({ where: { id: input.commitmentId, archivedAt: null }, select: { id: true } }))) {
    fieldErrors.commitmentId = [{ code: "unknownRecord" }];
  }
  if (input.ownerId && !(await tx.user.findFirst({ where: { id: input.ownerId, active: true }, select: { id: true } }))) {
    fieldErrors.ownerId = [{ code: "unknownRecord" }];
  }
  if (Object.keys(fieldErrors).length > 0) throw new ValidationError(fieldErrors);
}

function milestoneData(input: MilestoneInput) {
  return {
    commitmentId: input.commitmentId,
    title: input.title,
    description: input.description,
    dueDate: dateOnly(input.dueDate),
    ownerId: input.ownerId ?? null,
  };
}

/** Creates a milestone inside a caller's transaction (the CSV import uses it). */
export async function insertMilestone(tx: Transaction, actor: Actor, input: MilestoneInput) {
  ensure(actor, "plan.manage");
  await checkMilestoneReferences(tx, input);
  const created = await tx.milestone.create({ data: milestoneData(input) });
  await recordAudit(tx, actor, { action: "milestone.create", entityType: "Milestone", entityId: created.id, after: input });
  return created;
}

export async function createMilestone(actor: Actor, raw: unknown) {
  ensure(actor, "plan.manage");
  const input = parseInput(milestoneInput, raw);
  return db().$transaction((tx) => insertMilestone(tx, actor, input));
}

export async function updateMilestone(actor: Actor, id: string, raw: unknown) {
  ensure(actor, "plan.manage");
  const { version, ...input } = parseInput(milestoneUpdateInput, raw);
  return db().$transaction(async (tx) => {
    const before = await tx.milestone.findUnique({ where: { id } });
    if (!before) throw new NotFoundError();
    await checkMilestoneReferences(tx, input);
    const changed = await tx.milestone.updateMany({ where: { id, version }, data: { ...milestoneData(input), version: { increment: 1 } } });
    if (changed.count === 0) throw new ConflictError("stale", { version: before.version });
    await recordAudit(tx, actor, { action: "milestone.update", entityType: "Milestone", entityId: id, before, after: input });
    return tx.milestone.findUniqueOrThrow({ where: { id } });
  });
}

/** Archives (archive = true) or restores a milestone; its history stays. */
export async function setMilestoneArchived(actor: Actor, id: string, archive: boolean, raw: unknown) {
  ensure(actor, "plan.manage");
  const { version } = parseInput(archiveInput, raw);
  return db().$transaction(async (tx) => {
    const before = await tx.milestone.findUnique({ where: { id }, select: { archivedAt: true, version: true } });
    if (!before) throw new NotFoundError();
    const archivedAt = archive ? new Date() : null;
    const changed = await tx.milestone.updateMany({ where: { id, version }, data: { archivedAt, version: { increment: 1 } } });
    if (changed.count === 0) throw new ConflictError("stale", { version: before.version });
    await recordAudit(tx, actor, {
      action: archive ? "milestone.archive" : "milestone.restore",
      entityType: "Milestone",
      entityId: id,
      before: { archivedAt: before.archivedAt },
      after: { archivedAt },
    });
  });
}
