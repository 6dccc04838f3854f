import "server-only";
import { db } from "./db/client";
import type { MilestoneStatus } from "./db/generated/enums";
import { MilestoneStatus as Statuses } from "./db/generated/enums";
import { NotFoundError } from "./errors";
import { ensure, type Actor } from "./permissions";

export const milestoneStatuses = Object.values(Statuses) as MilestoneStatus[];

export type StatusCounts = Record<MilestoneStatus, number>;

export interface PillarSummary {
  id: string;
  number: number;
  code: string;
  name: string;
  description: string;
  commitmentCount: number;
  milestoneCount: number;
  milestonesByStatus: StatusCounts;
}

interface PillarSummaryRow extends Omit<PillarSummary, "milestonesByStatus"> {
  byStatus: Partial<StatusCounts> | null;
}

/** The five pillars with their live (not archived) commitment and milestone counts. */
export async function listPillars(actor: Actor): Promise<PillarSummary[]> {
  ensure(actor, "plan.read");
  const rows = await db().$queryRaw<PillarSummaryRow[]>`
    WITH milestone_counts AS (
      SELECT c."pillarId", m.status, count(*)::int AS n
      FROM "Milestone" m
      JOIN "Commitment" c ON c.id = m."commitmentId" AND c."archivedAt" IS NULL
      WHERE m."archivedAt" IS NULL
      GROUP BY c."pillarId", m.status
    )
    SELECT p.id, p.number, p.code, p.name, p.description,
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

/** One pillar by number with its live commitments and their milestones. */
export async function getPillar(actor: Actor, number: number) {
  ensure(actor, "plan.read");
  const pillar = await db().pillar.findUnique({
    where: { number },
    include: {
      commitments: {
        where: { archivedAt: null },
        orderBy: { title: "asc" },
        include: {
          agencies: { include: { agency: { select: { code: true, name: true } } } },
          milestones: {
            where: { archivedAt: null },
            orderBy: { dueDate: "asc" },
            select: { id: true, title: true, dueDate: true, status: true },
          },
        },
      },
    },
  });
  if (!pillar) throw new NotFoundError();
  return pillar;
}
