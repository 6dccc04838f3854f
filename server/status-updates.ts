import "server-only";
import { z } from "zod";
import { recordAudit } from "./audit";
import { db, type Transaction } from "./db/client";
import { DelayCause, MilestoneStatus } from "./db/generated/enums";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { can, ensure, type Actor } from "./permissions";
import { dateOnly, optionalCalendarDate, parseInput, recordId, todayIso, versionSeen } from "./validation";

const statusesNamingACause: readonly MilestoneStatus[] = ["at_risk", "delayed"];

/** A status update as the form and the API send it. */
export const statusUpdateInput = z
  .object({
    status: z.enum(MilestoneStatus),
    note: z.string().trim().min(1).max(5000),
    cause: z.preprocess((value) => (value === "" || value === null ? undefined : value), z.enum(DelayCause).optional()),
    completedOn: optionalCalendarDate,
    version: versionSeen,
  })
  .superRefine((input, context) => {
    const namesCause = statusesNamingACause.includes(input.status);
    if (namesCause && !input.cause) context.addIssue({ code: "custom", path: ["cause"], message: "causeRequired" });
    if (!namesCause && input.cause) context.addIssue({ code: "custom", path: ["cause"], message: "causeNotAllowed" });
    if (input.status !== "completed" && input.completedOn) {
      context.addIssue({ code: "custom", path: ["completedOn"], message: "completedOnNotAllowed" });
    }
    if (input.completedOn && input.completedOn > todayIso()) {
      context.addIssue({ code: "custom", path: ["completedOn"], message: "dateInFuture" });
    }
  }, {
    // Checked even when the note or version is wrong too, so that every
    // field's problem is named in one answer.
    when: (payload) =>
      typeof payload.value === "object" && payload.value !== null && !payload.issues.some((issue) => ["status", "cause", "completedOn"].includes(String(issue.path?.[0]))),
  });

interface MilestoneAccess {
  ownerId: string | null;
  commitment: { agencies: { agencyId: string }[] };
}

/** The design's rule: staff update milestones they own or of their agency's commitments. */
export function mayUpdateStatus(actor: Actor, milestone: MilestoneAccess): boolean {
  if (!can(actor, "milestone.updateStatus")) return false;
  if (milestone.ownerId === actor.id) return true;
  return actor.agencyId !== null && milestone.commitment.agencies.some((agency) => agency.agencyId === actor.agencyId);
}

const accessSelect = {
  ownerId: true,
  commitment: { select: { archivedAt: true, agencies: { select: { agencyId: true } } } },
} as const;

/** The milestone's state now and the update that made it, shown to whoever lost a race. */
async function currentState(tx: Transaction, milestoneId: string) {
  const milestone = await tx.milestone.findUniqueOrThrow({
    where: { id: milestoneId },
    select: {
      status: true,
      version: true,
      statusUpdates: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { previousStatus: true, newStatus: true, note: true, cause: true, createdAt: true, author: { select: { name: true } } },
      },
    },
  });
  const [latest] = milestone.statusUpdates;
  return {
    status: milestone.status,
    version: milestone.version,
    latestUpdate: latest
      ? { previousStatus: latest.previousStatus, newStatus: latest.newStatus, note: latest.note, cause: latest.cause, author: latest.author.name, createdAt: latest.createdAt.toISOString() }
      : null,
  };
}

/**
 * Records a status update with its note. The write happens only if the
 * milestone is still at the version the author saw, in one transaction with
 * the history row and the audit event; otherwise ConflictError carries the
 * update that won.
 */
export async function updateMilestoneStatus(actor: Actor, milestoneId: string, raw: unknown) {
  ensure(actor, "milestone.updateStatus");
  const { id } = parseInput(z.object({ id: recordId }), { id: milestoneId });
  const input = parseInput(statusUpdateInput, raw);
  return db().$transaction(async (tx) => {
    const milestone = await tx.milestone.findUnique({ where: { id }, select: { status: true, archivedAt: true, ...accessSelect } });
    if (!milestone) throw new NotFoundError();
    if (!mayUpdateStatus(actor, milestone)) throw new ForbiddenError();
    if (milestone.archivedAt || milestone.commitment.archivedAt) throw new ConflictError("archived");

    const completedOn = input.status === "completed" ? dateOnly(input.completedOn ?? todayIso()) : null;
    const changed = await tx.milestone.updateMany({
      where: { id, version: input.version },
      data: { status: input.status, completedOn, version: { increment: 1 } },
    });
    if (changed.count === 0) throw new ConflictError("stale", await currentState(tx, id));

    const statusUpdate = await tx.statusUpdate.create({
      data: {
        milestoneId: id,
        previousStatus: milestone.status,
        newStatus: input.status,
        note: input.note,
        cause: input.cause ?? null,
        completedOn,
        authorId: actor.id,
      },
    });
    await recordAudit(tx, actor, {
      action: "milestone.status.update",
      entityType: "Milestone",
      entityId: id,
      before: { status: milestone.status, version: input.version },
      after: { status: input.status, version: input.version + 1, statusUpdateId: statusUpdate.id, cause: input.cause ?? null },
    });
    return {
      milestone: { id, status: input.status, completedOn: completedOn?.toISOString().slice(0, 10) ?? null, version: input.version + 1 },
      statusUpdate: {
        id: statusUpdate.id,
        previousStatus: statusUpdate.previousStatus,
        newStatus: statusUpdate.newStatus,
        note: statusUpdate.note,
        cause: statusUpdate.cause,
        completedOn: statusUpdate.completedOn?.toISOString().slice(0, 10) ?? null,
        createdAt: statusUpdate.createdAt.toISOString(),
      },
    };
  });
}
