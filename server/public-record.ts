import "server-only";
import { cache } from "react";
import { z } from "zod";
import { dueFlag } from "../domain/milestone-status";
import { standingAssessments } from "./assessment-visibility";
import { db } from "./db/client";
import type { Prisma } from "./db/generated/client";
import type { Advances, AssessmentKind, MilestoneStatus, Results } from "./db/generated/enums";
import { NotFoundError } from "./errors";
import { wholePlanRollups } from "./rollups";
import { isoDate, optionalCalendarDate, parseInput, todayIso } from "./validation";

// The public record (/public): what anyone reads without signing in. Every
// read here names the columns it publishes and asks only for what was
// published: the plan, each milestone's statuses with their days, and the
// standing published assessments with the evidence they cite. It never reads
// a draft, a submitted or returned assessment, a status note, an email or a
// staff member's name: a self-assessment is its agency's, and a reviewer's
// name appears on their published independent assessment only. With
// PUBLIC_SITE=off every read is not found, so the whole site answers 404.

/** Whether the public site is on: it is unless PUBLIC_SITE is `off`. */
export function publicSiteOn(env: Record<string, string | undefined> = process.env): boolean {
  return env.PUBLIC_SITE?.trim().toLowerCase() !== "off";
}

/** Every public read asks first: with PUBLIC_SITE=off it is not found. */
export function ensurePublicSite(): void {
  if (!publicSiteOn()) throw new NotFoundError();
}

const publicDay = z
  .object({ asOf: optionalCalendarDate })
  .refine((filter) => !filter.asOf || filter.asOf <= todayIso(), { path: ["asOf"], message: "dateInFuture" });

export interface PublicPillarFigures {
  number: number;
  name: string;
  nameEs: string | null;
  description: string;
  descriptionEs: string | null;
  commitmentCount: number;
  milestoneCount: number;
  milestonesByStatus: Record<MilestoneStatus, number>;
  percentCompleted: number | null;
  overdue: number;
}

/** The five pillars as of a day (today when not given): milestones by status, percent completed and overdue, from the managers' rollups. */
export async function publicPlanFigures(rawFilter: unknown): Promise<{ asOf: string; pillars: PublicPillarFigures[] }> {
  ensurePublicSite();
  const asOf = parseInput(publicDay, rawFilter).asOf ?? todayIso();
  const rollups = await wholePlanRollups(asOf);
  return {
    asOf,
    pillars: rollups.map((pillar) => ({
      number: pillar.number,
      name: pillar.name,
      nameEs: pillar.nameEs,
      description: pillar.description,
      descriptionEs: pillar.descriptionEs,
      commitmentCount: pillar.commitmentCount,
      milestoneCount: pillar.milestoneCount,
      milestonesByStatus: pillar.milestonesByStatus,
      percentCompleted: pillar.percentCompleted,
      overdue: pillar.overdue,
    })),
  };
}

/** One pillar's figures of today, as the overview shows them: for its embeddable card. */
// Cached per request: a page's metadata and its body read the figures once.
export const publicPillarFigures = cache(async (number: number): Promise<{ asOf: string; pillar: PublicPillarFigures }> => {
  const { asOf, pillars } = await publicPlanFigures({});
  const pillar = pillars.find((entry) => entry.number === number);
  if (!pillar) throw new NotFoundError();
  return { asOf, pillar };
});

export interface PublicVerdict {
  id: string;
  kind: AssessmentKind;
  advances: Advances;
  results: Results;
  narrative: string;
  edition: number;
  publishedAt: Date;
  commitment: { id: string; title: string; titleEs: string | null } | null;
  /** The reviewer of an independent assessment; null for a self-assessment, which is its agency's. */
  reviewer: string | null;
  /** The agency of a self-assessment; null for an independent one. */
  agency: string | null;
  evidence: { id: string; title: string; publisher: string; publishedOn: Date | null; url: string | null; retraction: { reason: string; retractedOn: Date } | null }[];
}

export interface PublicRound {
  id: string;
  title: string;
  titleEs: string | null;
  periodStart: Date;
  periodEnd: Date;
  closed: boolean;
  verdicts: PublicVerdict[];
}

const publicVerdictSelect = {
  id: true,
  kind: true,
  advances: true,
  results: true,
  narrative: true,
  edition: true,
  publishedAt: true,
  round: { select: { id: true, title: true, titleEs: true, periodStart: true, periodEnd: true, status: true } },
  pillar: { select: { number: true, name: true, nameEs: true } },
  commitment: { select: { id: true, title: true, titleEs: true } },
  agency: { select: { name: true } },
  author: { select: { name: true } },
  citations: {
    orderBy: [{ evidence: { publishedOn: "desc" } }, { evidence: { title: "asc" } }],
    select: { evidence: { select: { id: true, title: true, publisher: true, publishedOn: true, url: true, retraction: { select: { reason: true, createdAt: true } } } } },
  },
} satisfies Prisma.AssessmentSelect;

/** The standing published assessments `where` picks, in `orderBy`'s order, each with its round and pillar, as the public pages show them. */
export async function standingPublicVerdicts(where: Prisma.AssessmentWhereInput, orderBy: Prisma.AssessmentOrderByWithRelationInput[], take?: number) {
  const rows = await db().assessment.findMany({ where: { AND: [standingAssessments, where] }, orderBy, take, select: publicVerdictSelect });
  return rows.map((assessment) => ({
    round: assessment.round,
    pillar: assessment.pillar,
    verdict: {
      id: assessment.id,
      kind: assessment.kind,
      // A published assessment has both ratings (a check constraint of the init migration).
      advances: assessment.advances!,
      results: assessment.results!,
      narrative: assessment.narrative,
      edition: assessment.edition,
      publishedAt: assessment.publishedAt!,
      commitment: assessment.commitment,
      reviewer: assessment.kind === "independent" ? assessment.author.name : null,
      agency: assessment.kind === "self_assessment" ? (assessment.agency?.name ?? null) : null,
      evidence: assessment.citations.map(({ evidence }) => ({
        ...evidence,
        retraction: evidence.retraction ? { reason: evidence.retraction.reason, retractedOn: evidence.retraction.createdAt } : null,
      })),
    } satisfies PublicVerdict,
  }));
}

/**
 * One pillar in public: its commitments and milestones (status, dates and the
 * days each status was recorded, never the notes) and, round by round, newest
 * first, the standing published assessments of it on both scales, the
 * self-assessments beside the independent ones.
 */
// Cached per request: a page's metadata and its body read the pillar once.
export const publicPillar = cache(async (number: number, today: string = todayIso()) => {
  ensurePublicSite();
  const pillar = await db().pillar.findUnique({
    where: { number },
    select: {
      id: true,
      number: true,
      name: true,
      nameEs: true,
      description: true, descriptionEs: true,
      commitments: {
        where: { archivedAt: null },
        orderBy: { title: "asc" },
        select: {
          id: true,
          title: true, titleEs: true,
          description: true, descriptionEs: true,
          leadParty: true,
          startDate: true,
          targetDate: true,
          agencies: { orderBy: { agency: { name: "asc" } }, select: { agency: { select: { name: true } } } },
          milestones: {
            where: { archivedAt: null },
            orderBy: [{ dueDate: "asc" }, { title: "asc" }],
            select: {
              id: true,
              title: true, titleEs: true,
              dueDate: true,
              status: true,
              completedOn: true,
              statusUpdates: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, newStatus: true, createdAt: true } },
            },
          },
        },
      },
    },
  });
  if (!pillar) throw new NotFoundError();
  const published = await standingPublicVerdicts({ pillarId: pillar.id }, [{ round: { periodEnd: "desc" } }, { kind: "asc" }, { commitment: { title: "asc" } }, { publishedAt: "desc" }]);
  const rounds = new Map<string, PublicRound>();
  for (const { round, verdict } of published) {
    const entry = rounds.get(round.id) ?? { id: round.id, title: round.title, titleEs: round.titleEs, periodStart: round.periodStart, periodEnd: round.periodEnd, closed: round.status === "closed", verdicts: [] };
    rounds.set(round.id, entry);
    entry.verdicts.push(verdict);
  }
  return {
    today,
    pillar: {
      number: pillar.number,
      name: pillar.name,
      nameEs: pillar.nameEs,
      description: pillar.description,
      descriptionEs: pillar.descriptionEs,
      commitments: pillar.commitments.map((commitment) => ({
        ...commitment,
        agencies: commitment.agencies.map(({ agency }) => agency.name),
        milestones: commitment.milestones.map(({ statusUpdates, ...milestone }) => ({
          ...milestone,
          dueFlag: dueFlag(isoDate(milestone.dueDate), milestone.status, today),
          history: statusUpdates.map((update) => ({ id: update.id, status: update.newStatus, recordedAt: update.createdAt })),
        })),
      })),
    },
    rounds: [...rounds.values()],
  };
});
