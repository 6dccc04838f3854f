import "server-only";
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { z } from "zod";
import { compareVerdicts } from "./assessment-scales";
import { standingAssessments } from "./assessment-visibility";
import { db, type Transaction } from "./db/client";
import { Advances, AssessmentKind, DelayCause, EvidenceKind, MilestoneStatus, Reliability, Results } from "./db/generated/enums";
import { pillarFiguresIn } from "./rollups";
import { isoDate } from "./validation";

// A closed round's report is frozen, in the transaction that closes the round,
// as one canonical JSON document (RFC 8785: sorted keys, UTF-8, no
// insignificant whitespace; the `canonicalize` package, so that anyone can
// reproduce the bytes with any implementation of the standard). It is stored
// with its SHA-256 and a chain digest over every round closed before it, and
// never recomputed: the report of a closed round is this document. The
// migration makes the database check both digests and refuse any change.

const documentFormat = "four-pillar-tracker/round-report/1";
/** The chain digest before the first closed round. */
const chainStart = "0".repeat(64);

const evidenceJson = z.strictObject({
  id: z.string(),
  title: z.string(),
  kind: z.enum(EvidenceKind),
  publisher: z.string(),
  publishedOn: z.string().nullable(),
  url: z.string().nullable(),
  reliability: z.enum(Reliability),
  retraction: z.strictObject({ reason: z.string(), retractedOn: z.string() }).nullable(),
});

const assessmentJson = z.strictObject({
  id: z.string(),
  kind: z.enum(AssessmentKind),
  pillarNumber: z.number().int(),
  commitment: z.strictObject({ id: z.string(), title: z.string() }).nullable(),
  // The agency of a self-assessment; the design names no staff member in public.
  agency: z.strictObject({ code: z.string(), name: z.string() }).nullable(),
  // The reviewer who wrote an independent assessment; null for self-assessments.
  reviewer: z.string().nullable(),
  advances: z.enum(Advances),
  results: z.enum(Results),
  narrative: z.string(),
  edition: z.number().int(),
  publishedAt: z.string(),
  evidence: z.array(evidenceJson),
});

/** The frozen document's shape, checked whenever one is read back. */
const roundReportDocument = z.strictObject({
  format: z.literal(documentFormat),
  round: z.strictObject({ id: z.string(), title: z.string(), periodStart: z.string(), periodEnd: z.string(), closedAt: z.string() }),
  asOf: z.string(),
  pillars: z.array(
    z.strictObject({
      id: z.string(),
      number: z.number().int(),
      code: z.string(),
      name: z.string(),
      commitmentCount: z.number().int(),
      milestoneCount: z.number().int(),
      milestonesByStatus: z.record(z.enum(MilestoneStatus), z.number().int()),
      percentCompleted: z.number().nullable(),
      overdue: z.number().int(),
      atRisk: z.number().int(),
      delaysByCause: z.record(z.enum(DelayCause), z.number().int()),
      lastStatusUpdateAt: z.string().nullable(),
    }),
  ),
  assessments: z.array(assessmentJson),
  comparisons: z.array(
    z.strictObject({
      selfAssessmentId: z.string(),
      independentAssessmentId: z.string().nullable(),
      advancesGap: z.number().int().nullable(),
      resultsGap: z.number().int().nullable(),
      flagged: z.boolean(),
    }),
  ),
});
export type RoundReportDocument = z.infer<typeof roundReportDocument>;

function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The chain digest of a document whose SHA-256 is `sha256`, after the chain digest `previous` (null before the first). */
function chainDigestAfter(previous: string | null, sha256: string): string {
  return sha256Hex(`${previous ?? chainStart}\n${sha256}`);
}

const assessmentSelect = {
  id: true,
  kind: true,
  advances: true,
  results: true,
  narrative: true,
  edition: true,
  publishedAt: true,
  commitmentId: true,
  pillar: { select: { number: true } },
  commitment: { select: { id: true, title: true } },
  agency: { select: { code: true, name: true } },
  author: { select: { name: true } },
  citations: {
    select: {
      evidence: {
        select: { id: true, title: true, kind: true, publisher: true, publishedOn: true, url: true, reliability: true, retraction: { select: { reason: true, createdAt: true } } },
      },
    },
  },
} as const;

/**
 * The report of a round as it stands inside `tx`: the standing published
 * assessments with their cited evidence, and the milestone figures at the end
 * of the period (or of the day the round closed, when that came first).
 */
async function reportDocument(tx: Transaction, round: { id: string; title: string; periodStart: Date; periodEnd: Date; closedAt: Date }): Promise<RoundReportDocument> {
  const periodEnd = isoDate(round.periodEnd);
  const closedOn = isoDate(round.closedAt);
  const asOf = periodEnd < closedOn ? periodEnd : closedOn;
  const [figures, rows] = await Promise.all([
    pillarFiguresIn(tx, asOf),
    tx.assessment.findMany({
      where: { ...standingAssessments, roundId: round.id },
      orderBy: [{ pillar: { number: "asc" } }, { kind: "asc" }, { publishedAt: "desc" }, { id: "asc" }],
      select: assessmentSelect,
    }),
  ]);
  const assessments = rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    pillarNumber: row.pillar.number,
    commitment: row.commitment,
    agency: row.kind === "self_assessment" ? row.agency : null,
    reviewer: row.kind === "independent" ? row.author.name : null,
    // A published assessment has both ratings (a check constraint of the init migration).
    advances: row.advances!,
    results: row.results!,
    narrative: row.narrative,
    edition: row.edition,
    publishedAt: row.publishedAt!.toISOString(),
    evidence: row.citations
      .map(({ evidence }) => ({
        id: evidence.id,
        title: evidence.title,
        kind: evidence.kind,
        publisher: evidence.publisher,
        publishedOn: isoDate(evidence.publishedOn),
        url: evidence.url,
        reliability: evidence.reliability,
        retraction: evidence.retraction ? { reason: evidence.retraction.reason, retractedOn: isoDate(evidence.retraction.createdAt) } : null,
      }))
      .sort((a, b) => (b.publishedOn ?? "").localeCompare(a.publishedOn ?? "") || a.id.localeCompare(b.id)),
  }));
  const independent = rows.filter((row) => row.kind === "independent");
  const comparisons = rows
    .filter((row) => row.kind === "self_assessment")
    .map((self) => {
      const samePillar = independent.filter((other) => other.pillar.number === self.pillar.number);
      const match = samePillar.find((other) => other.commitmentId === self.commitmentId) ?? samePillar.find((other) => other.commitmentId === null);
      const comparison = match ? compareVerdicts(self, match) : null;
      return { selfAssessmentId: self.id, independentAssessmentId: match?.id ?? null, advancesGap: comparison?.advancesGap ?? null, resultsGap: comparison?.resultsGap ?? null, flagged: comparison?.flagged ?? false };
    });
  return {
    format: documentFormat,
    round: { id: round.id, title: round.title, periodStart: isoDate(round.periodStart), periodEnd, closedAt: round.closedAt.toISOString() },
    asOf,
    pillars: figures.map((pillar) => ({
      id: pillar.id,
      number: pillar.number,
      code: pillar.code,
      name: pillar.name,
      commitmentCount: pillar.commitmentCount,
      milestoneCount: pillar.milestoneCount,
      milestonesByStatus: pillar.milestonesByStatus,
      percentCompleted: pillar.percentCompleted,
      overdue: pillar.overdue,
      atRisk: pillar.atRisk,
      delaysByCause: pillar.delaysByCause,
      lastStatusUpdateAt: pillar.lastStatusUpdateAt,
    })),
    assessments,
    comparisons,
  };
}

/**
 * Freezes the report of a round being closed in `tx`, as the next link of the
 * chain. Rounds closing at the same time take their turns: the chain has one
 * order.
 */
export async function freezeRoundReport(tx: Transaction, round: { id: string; title: string; periodStart: Date; periodEnd: Date; closedAt: Date }): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('FrozenRoundReport'))`;
  const document = canonicalize(await reportDocument(tx, round))!;
  const previous = await tx.frozenRoundReport.findFirst({ orderBy: { position: "desc" }, select: { position: true, chainDigest: true } });
  const sha256 = sha256Hex(document);
  await tx.frozenRoundReport.create({
    data: { roundId: round.id, position: (previous?.position ?? 0) + 1, document, sha256, chainDigest: chainDigestAfter(previous?.chainDigest ?? null, sha256) },
  });
}

const frozenSelect = { roundId: true, position: true, document: true, sha256: true, chainDigest: true, frozenAt: true } as const;

/** A closed round's frozen report (null for a round not closed): the document's exact text, parsed, and its digests. Public by design. */
export async function frozenReport(roundId: string) {
  const row = await db().frozenRoundReport.findUnique({ where: { roundId }, select: frozenSelect });
  return row ? { ...row, parsed: roundReportDocument.parse(JSON.parse(row.document)) } : null;
}

/** Every frozen report, in the chain's order, parsed. */
export async function frozenReports() {
  const rows = await db().frozenRoundReport.findMany({ orderBy: { position: "asc" }, select: frozenSelect });
  return rows.map((row) => ({ ...row, parsed: roundReportDocument.parse(JSON.parse(row.document)) }));
}

/** What a file says of itself: its SHA-256, whether it is JSON text in UTF-8, and the round it names as its own, if any. */
export function reportFingerprint(bytes: Uint8Array): { sha256: string; json: boolean; claimedRoundId: string | null } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return { sha256: sha256Hex(bytes), json: false, claimedRoundId: null };
  }
  const round = z.object({ round: z.object({ id: z.string() }) }).safeParse(parsed);
  return { sha256: sha256Hex(bytes), json: true, claimedRoundId: round.success ? round.data.round.id : null };
}

/**
 * Whether a file with this fingerprint is exactly a frozen report, and where
 * the chain stands: the stored documents' digests recomputed from their text
 * and the chain walked from its start, each link saying whether its chain
 * digest follows from the one before, so that a stored row that no longer
 * matches shows as a break.
 */
export async function verifyReport({ sha256, claimedRoundId }: { sha256: string; claimedRoundId: string | null }) {
  const rows = await db().frozenRoundReport.findMany({ orderBy: { position: "asc" }, select: { roundId: true, position: true, document: true, sha256: true, chainDigest: true, round: { select: { title: true } } } });
  let previous: string | null = null;
  const links = rows.map((row) => {
    const documentSha256 = sha256Hex(row.document);
    const follows = row.sha256 === documentSha256 && row.chainDigest === chainDigestAfter(previous, documentSha256);
    previous = row.chainDigest;
    return { roundId: row.roundId, title: row.round.title, position: row.position, sha256: row.sha256, chainDigest: row.chainDigest, follows };
  });
  const match = links.find((link) => link.sha256 === sha256) ?? null;
  return {
    sha256,
    match,
    // The frozen round the file says it is the report of, when it is not exactly that report.
    claimed: match ? null : (links.find((link) => link.roundId === claimedRoundId) ?? null),
    chain: { length: links.length, head: links.at(-1)?.chainDigest ?? chainStart, brokenAt: links.find((link) => !link.follows)?.position ?? null, links },
  };
}
