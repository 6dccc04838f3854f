import "server-only";
import { z } from "zod";
import { db } from "./db/client";
import type { LeadParty } from "./db/generated/enums";
import { NotFoundError } from "./errors";
import { ensure, type Actor } from "./permissions";
import { fillStatusCounts, type StatusCounts } from "./pillars";
import { parseInput } from "./validation";

/** `?pillar=` takes a pillar number (1–5) or its code (P1, DR…). */
export const commitmentFilter = z.object({
  pillar: z.string().trim().max(20).optional(),
});

export interface CommitmentSummary {
  id: string;
  title: string;
  leadParty: LeadParty;
  startDate: string | null;
  targetDate: string | null;
  pillar: { id: string; number: number; code: string; name: string };
  agencies: { code: string; name: string }[];
  milestoneCount: number;
  milestonesByStatus: StatusCounts;
}

interface CommitmentRow {
  id: string;
  title: string;
  leadParty: LeadParty;
  startDate: Date | null;
  targetDate: Date | null;
  pillarId: string;
  pillarNumber: number;
  pillarCode: string;
  pillarName: string;
  agencies: { code: string; name: string }[];
  milestoneCount: number;
  byStatus: Partial<StatusCounts> | null;
}

export async function listCommitments(actor: Actor, rawFilter: unknown): Promise<CommitmentSummary[]> {
  ensure(actor, "plan.read");
  const { pillar } = parseInput(commitmentFilter, rawFilter);
  const pillarNumber = pillar && /^\d+$/.test(pillar) ? Number(pillar) : null;
  const pillarCode = pillar && pillarNumber === null ? pillar.toUpperCase() : null;
  const rows = await db().$queryRaw<CommitmentRow[]>`
    SELECT c.id, c.title, c."leadParty", c."startDate", c."targetDate",
      p.id AS "pillarId", p.number AS "pillarNumber", p.code AS "pillarCode", p.name AS "pillarName",
      COALESCE((SELECT jsonb_agg(jsonb_build_object('code', a.code, 'name', a.name) ORDER BY a.code)
                FROM "CommitmentAgency" ca JOIN "Agency" a ON a.id = ca."agencyId"
                WHERE ca."commitmentId" = c.id), '[]'::jsonb) AS agencies,
      (SELECT count(*)::int FROM "Milestone" m WHERE m."commitmentId" = c.id AND m."archivedAt" IS NULL) AS "milestoneCount",
      (SELECT jsonb_object_agg(s.status, s.n) FROM (
         SELECT m.status, count(*)::int AS n FROM "Milestone" m
         WHERE m."commitmentId" = c.id AND m."archivedAt" IS NULL GROUP BY m.status) s) AS "byStatus"
    FROM "Commitment" c
    JOIN "Pillar" p ON p.id = c."pillarId"
    WHERE c."archivedAt" IS NULL
      AND (${pillarNumber}::int IS NULL OR p.number = ${pillarNumber}::int)
      AND (${pillarCode}::text IS NULL OR p.code = ${pillarCode}::text)
    ORDER BY p.number, c.title`;
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    leadParty: row.leadParty,
    startDate: isoDate(row.startDate),
    targetDate: isoDate(row.targetDate),
    pillar: { id: row.pillarId, number: row.pillarNumber, code: row.pillarCode, name: row.pillarName },
    agencies: row.agencies,
    milestoneCount: row.milestoneCount,
    milestonesByStatus: fillStatusCounts(row.byStatus),
  }));
}

/** One commitment with its pillar, agencies, milestones and evidence. */
export async function getCommitment(actor: Actor, id: string) {
  ensure(actor, "plan.read");
  const commitment = await db().commitment.findUnique({
    where: { id },
    include: {
      pillar: { select: { number: true, code: true, name: true } },
      owner: { select: { name: true } },
      agencies: { include: { agency: { select: { code: true, name: true } } } },
      milestones: {
        where: { archivedAt: null },
        orderBy: { dueDate: "asc" },
        include: { owner: { select: { name: true } } },
      },
      evidence: {
        orderBy: { publishedOn: "desc" },
        include: { retraction: { select: { reason: true, createdAt: true } }, milestone: { select: { id: true, title: true } } },
      },
    },
  });
  if (!commitment) throw new NotFoundError();
  return commitment;
}

export function isoDate(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}
