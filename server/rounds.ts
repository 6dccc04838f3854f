import "server-only";
import { z } from "zod";
import { visibleAssessments } from "./assessment-visibility";
import { recordAudit } from "./audit";
import type { CsvColumn } from "./csv";
import { db, type Transaction } from "./db/client";
import { RoundStatus } from "./db/generated/enums";
import { queryRows, rawRow } from "./db/raw-rows";
import { ConflictError, NotFoundError } from "./errors";
import { freezeRoundReport } from "./frozen-reports";
import { notifyRoundOpened } from "./notifications";
import { ensure, type Actor } from "./permissions";
import { calendarDate, dateOnly, isoDate, parseInput, recordId, spanishVersion } from "./validation";

/** A new round as the form and the API send it. */
export const roundInput = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    titleEs: spanishVersion(200),
    periodStart: calendarDate,
    periodEnd: calendarDate,
  })
  .refine((input) => input.periodEnd >= input.periodStart, { path: ["periodEnd"], message: "periodEndBeforeStart" });

const roundSelect = {
  id: true,
  title: true, titleEs: true,
  periodStart: true,
  periodEnd: true,
  status: true,
  closedAt: true,
  createdAt: true,
  openedBy: { select: { name: true } },
} as const;

/** Opens an assessment round: managers (and admins) only. */
export async function openRound(actor: Actor, raw: unknown) {
  ensure(actor, "round.manage");
  const input = parseInput(roundInput, raw);
  return db().$transaction(async (tx) => {
    const round = await tx.assessmentRound.create({
      data: { title: input.title, titleEs: input.titleEs, periodStart: dateOnly(input.periodStart), periodEnd: dateOnly(input.periodEnd), openedById: actor.id },
      select: roundSelect,
    });
    await recordAudit(tx, actor, { action: "round.open", entityType: "AssessmentRound", entityId: round.id, after: input });
    await notifyRoundOpened(tx, actor, { id: round.id, title: round.title, titleEs: round.titleEs, periodEnd: input.periodEnd });
    return roundJson(round);
  });
}

/**
 * Closes a round; from then on it takes no new drafts, edits or submissions,
 * and its report is frozen in the same transaction (server/frozen-reports.ts).
 */
export async function closeRound(actor: Actor, rawId: string) {
  ensure(actor, "round.manage");
  const { id } = parseInput(z.object({ id: recordId }), { id: rawId });
  return db().$transaction(async (tx) => {
    const round = await lockRound(tx, id);
    if (!round) throw new NotFoundError();
    if (round.status === "closed") throw new ConflictError("roundClosed");
    const closed = await tx.assessmentRound.update({ where: { id }, data: { status: "closed", closedAt: new Date() }, select: roundSelect });
    await freezeRoundReport(tx, { ...closed, closedAt: closed.closedAt! });
    await recordAudit(tx, actor, { action: "round.close", entityType: "AssessmentRound", entityId: id, before: { status: "open" }, after: { status: "closed" } });
    return roundJson(closed);
  });
}

const lockedRoundRow = rawRow("lockedRound", { id: z.string(), status: z.enum(RoundStatus), periodEnd: z.date() });

/**
 * Reads a round and holds it until the transaction ends, so that closing a
 * round and writing an assessment in it never interleave.
 */
export async function lockRound(tx: Transaction, id: string) {
  const [round] = await queryRows(lockedRoundRow, tx)`
    SELECT id, status::text AS status, "periodEnd" FROM "AssessmentRound" WHERE id = ${id} FOR UPDATE`;
  return round ?? null;
}

/** Every round, newest period first, with how many assessments the reader can see in each state. */
export async function listRounds(actor: Actor) {
  ensure(actor, "plan.read");
  const [rounds, counts] = await Promise.all([
    db().assessmentRound.findMany({ orderBy: [{ periodEnd: "desc" }, { createdAt: "desc" }], select: roundSelect }),
    db().assessment.groupBy({ by: ["roundId", "state"], where: visibleAssessments(actor), _count: { _all: true } }),
  ]);
  return rounds.map((round) => ({
    ...roundJson(round),
    assessments: Object.fromEntries(counts.filter((count) => count.roundId === round.id).map((count) => [count.state, count._count._all])),
  }));
}

// A state no assessment of the round is in is absent from the JSON and an empty cell here.
export const roundCsvColumns = [
  "id", "title", "titleEs", "periodStart", "periodEnd", "status", "openedBy", "closedAt", "createdAt",
  "assessmentsDraft", "assessmentsSubmitted", "assessmentsReturned", "assessmentsPublished",
] as const satisfies readonly CsvColumn<Awaited<ReturnType<typeof listRounds>>[number]>[];

/** One round, without its assessments (server/assessments.ts lists those). */
export async function getRound(actor: Actor, rawId: string) {
  ensure(actor, "plan.read");
  const { id } = parseInput(z.object({ id: recordId }), { id: rawId });
  const round = await db().assessmentRound.findUnique({ where: { id }, select: roundSelect });
  if (!round) throw new NotFoundError();
  return roundJson(round);
}

type RoundRow = { id: string; title: string; titleEs: string | null; periodStart: Date; periodEnd: Date; status: "open" | "closed"; closedAt: Date | null; createdAt: Date; openedBy: { name: string } };

function roundJson(round: RoundRow) {
  return {
    id: round.id,
    title: round.title,
    titleEs: round.titleEs,
    periodStart: isoDate(round.periodStart),
    periodEnd: isoDate(round.periodEnd),
    status: round.status,
    openedBy: round.openedBy.name,
    closedAt: round.closedAt?.toISOString() ?? null,
    createdAt: round.createdAt.toISOString(),
  };
}
