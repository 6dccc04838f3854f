import "server-only";
import { z } from "zod";
import { urgencyDays } from "../domain/limits";
import { db } from "./db/client";
import { queryCount, queryRows, rawRow } from "./db/raw-rows";
import { AssessmentKind, AssessmentState, RoundStatus } from "./db/generated/enums";
import { atPlanRevision } from "./figures-cache";
import { milestonesMatching, urgencies } from "./milestones";
import { can, ensure, type Actor } from "./permissions";
import { isoDate, todayIso } from "./validation";

// "Your work": what needs the signed-in person now, by what their roles let
// them do, each figure counted in PostgreSQL by the same filter as the list
// the page links it to (the milestone list, the assessments, the evidence
// log, a round), so that a count and its list never disagree. A section is
// present (not undefined) exactly when the person's permissions give it.

const urgencyCountRow = rawRow("urgencyCount", { urgency: z.enum(urgencies), count: z.number().int() });
const roundCountRow = rawRow("roundCount", { roundId: z.string(), roundTitle: z.string(), roundTitleEs: z.string().nullable(), count: z.number().int() });
const pillarCountRow = rawRow("pillarCount", { pillarNumber: z.number().int(), pillarName: z.string(), pillarNameEs: z.string().nullable(), count: z.number().int() });
const endedRoundRow = rawRow("endedRound", { id: z.string(), title: z.string(), titleEs: z.string().nullable(), periodEnd: z.date() });

export interface RoundCount {
  roundId: string;
  roundTitle: string;
  roundTitleEs: string | null;
  count: number;
}

export interface Worklist {
  today: string;
  /** Program staff: their milestones (owned, or of their agency's commitments) by urgency. */
  milestones?: { overdue: number; dueSoon: number; stale: number };
  /** Program staff: per open round, their agency's commitments with no self-assessment in it yet. */
  selfAssessments?: RoundCount[];
  /** Reviewers: per open round, the pillars they have not assessed in it yet (every open round listed, 0 included). */
  pillarsToAssess?: RoundCount[];
  /** Whoever writes assessments: their own, returned to them with a comment. */
  returned?: number;
  /** Whoever logs evidence: the records they logged that have been retracted. */
  retractedEvidence?: number;
  /** Managers: submitted assessments by others, awaiting publication or return. */
  awaitingDecision?: number;
  /** Managers: per pillar with any, live milestones overdue for more than urgencyDays.escalate. */
  longOverdue?: { pillarNumber: number; pillarName: string; pillarNameEs: string | null; count: number }[];
  /** Managers: rounds whose period has ended while they are still open. */
  endedOpenRounds?: { id: string; title: string; titleEs: string | null; periodEnd: string }[];
  /** Everyone: what changed in what they follow that they have not read yet, the newest few, and how many in all. */
  followedChanges?: { unread: number; latest: FollowedChange[] };
}

/** A status update, evidence or published assessment on something the person follows, as its notification tells it. */
interface FollowedChange {
  id: string;
  kind: "followed_change";
  values: Record<string, string | number>;
  createdAt: string;
}

/** The worklist lists this many of the unread followed changes; the inbox has them all. */
const followedChangesShown = 5;

/** What needs the actor now, as of `today` (the clock's day unless given). */
export async function worklist(actor: Actor, today: string = todayIso()): Promise<Worklist> {
  ensure(actor, "plan.read");
  const [milestones, selfAssessments, pillarsToAssess, returned, retractedEvidence, awaitingDecision, longOverdue, endedOpenRounds, followedChanges] = await Promise.all([
    can(actor, "milestones.mine") ? milestonesByUrgency(actor, today) : undefined,
    can(actor, "selfAssessment.write") ? selfAssessmentsToWrite(actor) : undefined,
    can(actor, "assessment.write") ? pillarsNotAssessed(actor) : undefined,
    can(actor, "assessment.write") || can(actor, "selfAssessment.write") ? returnedTo(actor) : undefined,
    can(actor, "evidence.log") ? retractedEvidenceOf(actor) : undefined,
    can(actor, "assessment.decide") ? awaitingDecisionOf(actor) : undefined,
    can(actor, "assessment.decide") ? longOverdueByPillar(actor, today) : undefined,
    can(actor, "round.manage") ? endedRoundsStillOpen(today) : undefined,
    can(actor, "notifications.own") ? unreadFollowedChanges(actor) : undefined,
  ]);
  return { today, milestones, selfAssessments, pillarsToAssess, returned, retractedEvidence, awaitingDecision, longOverdue, endedOpenRounds, followedChanges };
}

async function milestonesByUrgency(actor: Actor, today: string): Promise<NonNullable<Worklist["milestones"]>> {
  const rows = await queryRows(urgencyCountRow)`
    SELECT urgency, count(*)::int AS count FROM (${milestonesMatching(actor, { mine: "true" }, today)}) mine GROUP BY urgency`;
  const count = (urgency: (typeof urgencies)[number]) => rows.find((row) => row.urgency === urgency)?.count ?? 0;
  return { overdue: count("overdue"), dueSoon: count("due_soon"), stale: count("stale") };
}

/** Live commitments of the actor's agency with no self-assessment of the agency in each open round. */
function selfAssessmentsToWrite(actor: Actor): Promise<RoundCount[]> {
  return queryRows(roundCountRow)`
    SELECT r.id AS "roundId", r.title AS "roundTitle", r."titleEs" AS "roundTitleEs", count(c.id)::int AS count
    FROM "AssessmentRound" r
    LEFT JOIN "Commitment" c ON c."archivedAt" IS NULL
      AND EXISTS (SELECT 1 FROM "CommitmentAgency" ca WHERE ca."commitmentId" = c.id AND ca."agencyId" = ${actor.agencyId})
      AND NOT EXISTS (
        SELECT 1 FROM "Assessment" a
        WHERE a."roundId" = r.id AND a.kind = ${AssessmentKind.self_assessment}::"AssessmentKind"
          AND a."commitmentId" = c.id AND a."agencyId" = ${actor.agencyId})
    WHERE r.status = ${RoundStatus.open}::"RoundStatus"
    GROUP BY r.id, r.title, r."titleEs", r."periodEnd"
    ORDER BY r."periodEnd" DESC, r.title`;
}

/** Pillars the actor has no independent assessment of (of the whole pillar) in each open round. */
function pillarsNotAssessed(actor: Actor): Promise<RoundCount[]> {
  return queryRows(roundCountRow)`
    SELECT r.id AS "roundId", r.title AS "roundTitle", r."titleEs" AS "roundTitleEs", count(p.id)::int AS count
    FROM "AssessmentRound" r
    LEFT JOIN "Pillar" p ON NOT EXISTS (
      SELECT 1 FROM "Assessment" a
      WHERE a."roundId" = r.id AND a."pillarId" = p.id AND a."commitmentId" IS NULL
        AND a.kind = ${AssessmentKind.independent}::"AssessmentKind" AND a."authorId" = ${actor.id})
    WHERE r.status = ${RoundStatus.open}::"RoundStatus"
    GROUP BY r.id, r.title, r."titleEs", r."periodEnd"
    ORDER BY r."periodEnd" DESC, r.title`;
}

/** As the assessments list counts `?mine=true&state=returned`. */
function returnedTo(actor: Actor): Promise<number> {
  return queryCount`
    SELECT count(*)::int AS total FROM "Assessment" a
    WHERE a."authorId" = ${actor.id} AND a.state = ${AssessmentState.returned}::"AssessmentState"`;
}

/** As the evidence log counts `?mine=true&retracted=true`. */
function retractedEvidenceOf(actor: Actor): Promise<number> {
  return queryCount`
    SELECT count(*)::int AS total FROM "Evidence" e
    WHERE e."authorId" = ${actor.id} AND EXISTS (SELECT 1 FROM "EvidenceRetraction" r WHERE r."evidenceId" = e.id)`;
}

/** As the assessments list counts `?state=submitted`, less the actor's own, which they may not decide. */
function awaitingDecisionOf(actor: Actor): Promise<number> {
  return queryCount`
    SELECT count(*)::int AS total FROM "Assessment" a
    WHERE a.state = ${AssessmentState.submitted}::"AssessmentState" AND a."authorId" <> ${actor.id}`;
}

/**
 * The same for every manager, and a count over the whole plan (thousands of
 * milestones on a large one): kept per plan revision and day, like the
 * dashboard's figures, so that each manager's home page does not count again.
 */
function longOverdueByPillar(actor: Actor, today: string) {
  return atPlanRevision(JSON.stringify(["longOverdueByPillar", today]), () =>
    queryRows(pillarCountRow)`
      SELECT "pillarNumber", "pillarName", "pillarNameEs", count(*)::int AS count
      FROM (${milestonesMatching(actor, { overdueDays: urgencyDays.escalate }, today)}) late
      GROUP BY "pillarNumber", "pillarName", "pillarNameEs"
      ORDER BY "pillarNumber"`,
  );
}

async function endedRoundsStillOpen(today: string) {
  const rows = await queryRows(endedRoundRow)`
    SELECT r.id, r.title, r."titleEs", r."periodEnd" FROM "AssessmentRound" r
    WHERE r.status = ${RoundStatus.open}::"RoundStatus" AND r."periodEnd" < ${today}::date
    ORDER BY r."periodEnd", r.title`;
  return rows.map((row) => ({ id: row.id, title: row.title, titleEs: row.titleEs, periodEnd: isoDate(row.periodEnd) }));
}

/**
 * What changed since the person last looked, in what they follow: the
 * followed-change notifications they have not read. Unread rather than "since
 * the last sign-in", so that a change stays here until they have seen it,
 * however often they come and go, and leaves once read here or in the inbox.
 */
async function unreadFollowedChanges(actor: Actor): Promise<NonNullable<Worklist["followedChanges"]>> {
  const where = { recipientId: actor.id, kind: "followed_change", readAt: null } as const;
  const [unread, rows] = await Promise.all([
    db().notification.count({ where }),
    db().notification.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: followedChangesShown, select: { id: true, values: true, createdAt: true } }),
  ]);
  const latest = rows.map((row) => ({ id: row.id, kind: "followed_change" as const, values: row.values as FollowedChange["values"], createdAt: row.createdAt.toISOString() }));
  return { unread, latest };
}
