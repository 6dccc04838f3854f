import "server-only";
import { z } from "zod";
import { recordAudit } from "./audit";
import { db } from "./db/client";
import { EvidenceKind, EvidenceShows, Reliability } from "./db/generated/enums";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors";
import { ensure, type Actor } from "./permissions";
import { mayUpdateStatus } from "./status-updates";
import { dateOnly, optionalCalendarDate, optionalRecordId, optionalText, parseInput, recordId, todayIso } from "./validation";

/** Evidence as the form and the API send it. */
export const evidenceInput = z
  .object({
    commitmentId: recordId,
    milestoneId: optionalRecordId,
    title: z.string().trim().min(1).max(300),
    kind: z.enum(EvidenceKind),
    publisher: z.string().trim().min(1).max(300),
    url: z.preprocess((value) => (value === "" || value === null ? undefined : value), z.url({ protocol: /^https?$/ }).max(2000).optional()),
    publishedOn: optionalCalendarDate,
    summary: z.string().trim().min(1).max(5000),
    shows: z.enum(EvidenceShows),
    reliability: z.enum(Reliability),
  })
  .refine((input) => !input.publishedOn || input.publishedOn <= todayIso(), { path: ["publishedOn"], message: "dateInFuture" });

export const retractionInput = z.object({ reason: z.string().trim().min(1).max(2000) });

/**
 * Logs evidence against a commitment and optionally one of its milestones.
 * Reviewers may log on any commitment; staff only on milestones they own or
 * of their agency's commitments. Evidence is never edited afterwards.
 */
export async function logEvidence(actor: Actor, raw: unknown) {
  ensure(actor, "evidence.log");
  const input = parseInput(evidenceInput, raw);
  return db().$transaction(async (tx) => {
    const commitment = await tx.commitment.findFirst({
      where: { id: input.commitmentId, archivedAt: null },
      select: { id: true, agencies: { select: { agencyId: true } } },
    });
    if (!commitment) throw new ValidationError({ commitmentId: [{ code: "unknownRecord" }] });
    const milestone = input.milestoneId
      ? await tx.milestone.findFirst({ where: { id: input.milestoneId, commitmentId: commitment.id }, select: { ownerId: true } })
      : null;
    if (input.milestoneId && !milestone) throw new ValidationError({ milestoneId: [{ code: "unknownRecord" }] });
    const staffOnOwnMilestone = milestone !== null && mayUpdateStatus(actor, { ...milestone, commitment });
    if (!actor.roles.includes("reviewer") && !staffOnOwnMilestone) throw new ForbiddenError();
    const created = await tx.evidence.create({
      data: {
        ...input,
        milestoneId: input.milestoneId ?? null,
        url: input.url ?? null,
        publishedOn: input.publishedOn ? dateOnly(input.publishedOn) : null,
        authorId: actor.id,
      },
    });
    await recordAudit(tx, actor, { action: "evidence.log", entityType: "Evidence", entityId: created.id, after: input });
    return created;
  });
}

/** Retracts evidence with a reason: a new record; the evidence itself stays as it was. */
export async function retractEvidence(actor: Actor, evidenceId: string, raw: unknown) {
  ensure(actor, "evidence.log");
  const { id } = parseInput(z.object({ id: recordId }), { id: evidenceId });
  const { reason } = parseInput(retractionInput, raw);
  return db().$transaction(async (tx) => {
    const evidence = await tx.evidence.findUnique({ where: { id }, select: { authorId: true, retraction: { select: { id: true } } } });
    if (!evidence) throw new NotFoundError();
    // The author retracts their own record; independent reviewers may retract any.
    if (evidence.authorId !== actor.id && !actor.roles.includes("reviewer")) throw new ForbiddenError();
    if (evidence.retraction) throw new ConflictError("retracted");
    const retraction = await tx.evidenceRetraction.create({ data: { evidenceId: id, reason, authorId: actor.id } });
    await recordAudit(tx, actor, { action: "evidence.retract", entityType: "Evidence", entityId: id, after: { reason } });
    return retraction;
  });
}

export const evidenceFilter = z.object({
  pillar: optionalText(20),
  commitment: optionalRecordId,
  kind: z.preprocess((value) => (value === "" ? undefined : value), z.enum(EvidenceKind).optional()),
  shows: z.preprocess((value) => (value === "" ? undefined : value), z.enum(EvidenceShows).optional()),
  reliability: z.preprocess((value) => (value === "" ? undefined : value), z.enum(Reliability).optional()),
  from: optionalCalendarDate,
  to: optionalCalendarDate,
  q: optionalText(200),
});

/** The evidence log with its filters; `q` searches title and summary in English and Spanish. */
export async function listEvidence(actor: Actor, rawFilter: unknown) {
  ensure(actor, "plan.read");
  const filter = parseInput(evidenceFilter, rawFilter);
  const pillarNumber = filter.pillar && /^\d+$/.test(filter.pillar) ? Number(filter.pillar) : null;
  const pillarCode = filter.pillar && pillarNumber === null ? filter.pillar.toUpperCase() : null;
  const matching = filter.q
    ? await db().$queryRaw<{ id: string }[]>`
        SELECT e.id FROM "Evidence" e
        WHERE (to_tsvector('english', e.title || ' ' || e.summary) || to_tsvector('spanish', e.title || ' ' || e.summary))
              @@ (websearch_to_tsquery('english', ${filter.q}) || websearch_to_tsquery('spanish', ${filter.q}))`
    : null;
  return db().evidence.findMany({
    where: {
      ...(matching ? { id: { in: matching.map((row) => row.id) } } : {}),
      ...(filter.commitment ? { commitmentId: filter.commitment } : {}),
      ...(pillarNumber ? { commitment: { pillar: { number: pillarNumber } } } : {}),
      ...(pillarCode ? { commitment: { pillar: { code: pillarCode } } } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.shows ? { shows: filter.shows } : {}),
      ...(filter.reliability ? { reliability: filter.reliability } : {}),
      ...(filter.from || filter.to
        ? { publishedOn: { ...(filter.from ? { gte: dateOnly(filter.from) } : {}), ...(filter.to ? { lte: dateOnly(filter.to) } : {}) } }
        : {}),
    },
    orderBy: [{ publishedOn: "desc" }, { createdAt: "desc" }],
    include: {
      commitment: { select: { id: true, title: true, pillar: { select: { number: true, code: true } } } },
      milestone: { select: { id: true, title: true } },
      retraction: { select: { reason: true, createdAt: true } },
      author: { select: { name: true } },
    },
  });
}

/** One piece of evidence with what cites it: published assessments only, never drafts. */
export async function getEvidence(actor: Actor, rawId: string) {
  ensure(actor, "plan.read");
  const { id } = parseInput(z.object({ id: recordId }), { id: rawId });
  const evidence = await db().evidence.findUnique({
    where: { id },
    include: {
      commitment: { select: { id: true, title: true, pillar: { select: { number: true, code: true } } } },
      milestone: { select: { id: true, title: true } },
      retraction: { select: { reason: true, createdAt: true, author: { select: { name: true } } } },
      author: { select: { name: true } },
      citations: {
        where: { assessment: { state: "published" } },
        select: { assessment: { select: { id: true, advances: true, results: true, round: { select: { id: true, title: true } }, pillar: { select: { number: true } } } } },
      },
    },
  });
  if (!evidence) throw new NotFoundError();
  return evidence;
}
