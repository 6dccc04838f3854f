import "server-only";
import { z } from "zod";
import { milestoneStatuses } from "../domain/milestone-status";
import { recordAudit } from "./audit";
import { db } from "./db/client";
import { Prisma } from "./db/generated/client";
import type { MilestoneStatus } from "./db/generated/enums";
import { column, queryRows, rawRow } from "./db/raw-rows";
import { ConflictError, NotFoundError, ValidationError } from "./errors";
import { ensure, type Actor } from "./permissions";
import { parseInput, recordId, spanishVersion, versionSeen } from "./validation";

/** A pillar as an address or a sheet names it: by its number ("3") or by its code, in any case ("rol"). */
export function pillarNamed(value: string | undefined): { number: number | null; code: string | null } {
  if (!value) return { number: null, code: null };
  return /^\d+$/.test(value) ? { number: Number(value), code: null } : { number: null, code: value.toUpperCase() };
}

/** The SQL condition that the pillar `p` is the one a filter names; true when it names none. */
export function pillarMatches(value: string | undefined): Prisma.Sql {
  const { number, code } = pillarNamed(value);
  return Prisma.sql`(${number}::int IS NULL OR p.number = ${number}::int) AND (${code}::text IS NULL OR p.code = ${code}::text)`;
}

export type StatusCounts = Record<MilestoneStatus, number>;

export interface PillarSummary {
  id: string;
  number: number;
  code: string;
  name: string;
  nameEs: string | null;
  description: string;
  descriptionEs: string | null;
  commitmentCount: number;
  milestoneCount: number;
  milestonesByStatus: StatusCounts;
}

/** A pillar's own columns, as the raw queries of its figures answer them. */
export const pillarColumns = { id: z.string(), number: z.number().int(), code: z.string(), name: z.string(), nameEs: z.string().nullable(), description: z.string(), descriptionEs: z.string().nullable() };

const pillarSummaryRow = rawRow("pillarSummary", {
  ...pillarColumns,
  commitmentCount: z.number().int(),
  milestoneCount: z.number().int(),
  byStatus: column.statusCounts.nullable(),
});

/** The five pillars with their live (not archived) commitment and milestone counts. */
export async function listPillars(actor: Actor): Promise<PillarSummary[]> {
  ensure(actor, "plan.read");
  const rows = await queryRows(pillarSummaryRow)`
    WITH milestone_counts AS (
      SELECT c."pillarId", m.status, count(*)::int AS n
      FROM "Milestone" m
      JOIN "Commitment" c ON c.id = m."commitmentId" AND c."archivedAt" IS NULL
      WHERE m."archivedAt" IS NULL
      GROUP BY c."pillarId", m.status
    )
    SELECT p.id, p.number, p.code, p.name, p."nameEs", p.description, p."descriptionEs",
      (SELECT count(*)::int FROM "Commitment" c WHERE c."pillarId" = p.id AND c."archivedAt" IS NULL) AS "commitmentCount",
      COALESCE((SELECT sum(n)::int FROM milestone_counts mc WHERE mc."pillarId" = p.id), 0) AS "milestoneCount",
      (SELECT jsonb_object_agg(mc.status, mc.n) FROM milestone_counts mc WHERE mc."pillarId" = p.id) AS "byStatus"
    FROM "Pillar" p
    ORDER BY p.number`;
  return rows.map(({ byStatus, ...pillar }) => ({ ...pillar, milestonesByStatus: fillStatusCounts(byStatus) }));
}

export function fillStatusCounts(partial: Partial<StatusCounts> | null): StatusCounts {
  return Object.fromEntries(milestoneStatuses.map((status) => [status, partial?.[status] ?? 0])) as StatusCounts;
}

// ---------------------------------------------------------------------------
// Keeping the plan: admins create and edit pillars (numbered 1–5).
// ---------------------------------------------------------------------------

export const pillarInput = z.strictObject({
  number: z.preprocess((value) => (typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value), z.number().int().min(1).max(5)),
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{1,8}$/),
  name: z.string().trim().min(1).max(200),
  nameEs: spanishVersion(200),
  description: z.string().trim().max(2000).default(""),
  descriptionEs: spanishVersion(2000),
});

export const pillarUpdateInput = pillarInput.extend({ version: versionSeen });

/** A unique number or code already in use becomes a field error, not a fault. */
function takenField(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    const target = JSON.stringify(error.meta ?? {});
    throw new ValidationError(target.includes("code") ? { code: [{ code: "taken" }] } : { number: [{ code: "taken" }] });
  }
  throw error;
}

export async function createPillar(actor: Actor, raw: unknown) {
  ensure(actor, "plan.manage");
  const input = parseInput(pillarInput, raw);
  return db()
    .$transaction(async (tx) => {
      const created = await tx.pillar.create({ data: input });
      await recordAudit(tx, actor, { action: "pillar.create", entityType: "Pillar", entityId: created.id, after: input });
      return created;
    })
    .catch(takenField);
}

export async function updatePillar(actor: Actor, rawId: string, raw: unknown) {
  ensure(actor, "plan.manage");
  const { id } = parseInput(z.object({ id: recordId }), { id: rawId });
  const { version, ...input } = parseInput(pillarUpdateInput, raw);
  return db()
    .$transaction(async (tx) => {
      const before = await tx.pillar.findUnique({ where: { id } });
      if (!before) throw new NotFoundError();
      const changed = await tx.pillar.updateMany({ where: { id, version }, data: { ...input, version: { increment: 1 } } });
      if (changed.count === 0) throw new ConflictError("stale", { version: before.version });
      await recordAudit(tx, actor, { action: "pillar.update", entityType: "Pillar", entityId: id, before, after: input });
      return tx.pillar.findUniqueOrThrow({ where: { id } });
    })
    .catch(takenField);
}
