import "server-only";
import { initialStatus } from "../../../domain/milestone-status";
import { recordAudit } from "../../../server/audit";
import { hashPassword } from "../../../server/auth/password";
import { db, type Transaction } from "../../../server/db/client";
import { freezeRoundReport } from "../../../server/frozen-reports";
import type { Country, MilestoneStatus, Role } from "../../../server/db/generated/enums";
import { demoAgencies, demoCommitments, demoIndicators, demoPillars, demoRounds, demoSources, type DemoOwner } from "./demo-data";

export const demoPassword = "tracker-demo";

export const demoUsers = [
  { key: "admin", email: "admin@demo.local", name: "Alex Admin", roles: ["admin"], agencyCode: null, country: null },
  { key: "manager", email: "manager@demo.local", name: "Morgan Manager", roles: ["manager"], agencyCode: null, country: "us" },
  { key: "reviewer", email: "reviewer@demo.local", name: "Rita Reviewer", roles: ["reviewer"], agencyCode: null, country: "mx" },
  { key: "staff", email: "staff@demo.local", name: "Sam Staff", roles: ["staff"], agencyCode: "US-INL", country: "us" },
] as const satisfies readonly { key: string; email: string; name: string; roles: Role[]; agencyCode: string | null; country: Country | null }[];

export class DatabaseNotEmptyError extends Error {
  constructor() {
    super("The database already holds data; the demo dataset is loaded only into an empty database. Nothing was changed.");
  }
}

/** True when no pillar and no user exists yet. */
export async function isDatabaseEmpty(): Promise<boolean> {
  const [pillars, users] = await Promise.all([db().pillar.count(), db().user.count()]);
  return pillars === 0 && users === 0;
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const noon = (iso: string) => new Date(`${iso}T12:00:00Z`);

/**
 * Loads the demo dataset (shared/sources/facts.md) in one transaction: all of
 * it or nothing. Refuses a database that already holds data.
 */
export async function seedDemoData(): Promise<void> {
  const passwordHash = await hashPassword(demoPassword);
  await db().$transaction(
    async (tx) => {
      const [pillarCount, userCount] = await Promise.all([tx.pillar.count(), tx.user.count()]);
      if (pillarCount > 0 || userCount > 0) throw new DatabaseNotEmptyError();
      await loadDemoData(tx, passwordHash);
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

async function loadDemoData(tx: Transaction, passwordHash: string): Promise<void> {
  const agencyIds = new Map<string, string>();
  for (const agency of demoAgencies) {
    const created = await tx.agency.create({ data: agency });
    agencyIds.set(agency.code, created.id);
  }

  const userIds = new Map<string, string>();
  for (const user of demoUsers) {
    const created = await tx.user.create({
      data: {
        email: user.email,
        name: user.name,
        roles: [...user.roles],
        passwordHash,
        country: user.country,
        agencyId: user.agencyCode ? agencyIds.get(user.agencyCode) : null,
      },
    });
    userIds.set(user.key, created.id);
  }
  const userId = (key: (typeof demoUsers)[number]["key"]) => userIds.get(key)!;
  const ownerId = (owner: DemoOwner) => (owner ? userId(owner) : null);

  const pillarIds = new Map<number, string>();
  for (const pillar of demoPillars) {
    const created = await tx.pillar.create({ data: pillar });
    pillarIds.set(pillar.number, created.id);
  }

  const commitmentIds = new Map<string, string>();
  const evidenceIds = new Map<string, string>();
  for (const commitment of demoCommitments) {
    // The plan existed from its start date (or its first recorded update, if
    // earlier), so that figures "as of" a past date count it.
    const firstUpdates = commitment.milestones.flatMap((milestone) => milestone.history.slice(0, 1).map((update) => update.on));
    const plannedOn = [commitment.startDate, ...firstUpdates].sort()[0]!;
    const commitmentRow = await tx.commitment.create({
      data: {
        createdAt: noon(plannedOn),
        pillarId: pillarIds.get(commitment.pillarNumber)!,
        title: commitment.title,
        titleEs: commitment.titleEs,
        description: commitment.description,
        descriptionEs: commitment.descriptionEs,
        leadParty: commitment.leadParty,
        startDate: day(commitment.startDate),
        targetDate: commitment.targetDate ? day(commitment.targetDate) : null,
        sourceCitation: commitment.sourceCitation,
        ownerId: userId("admin"),
        agencies: { create: commitment.agencyCodes.map((code) => ({ agencyId: agencyIds.get(code)! })) },
      },
    });
    commitmentIds.set(commitment.key, commitmentRow.id);

    const milestoneIds = new Map<string, string>();
    for (const milestone of commitment.milestones) {
      const last = milestone.history.at(-1);
      const created = await tx.milestone.create({
        data: {
          commitmentId: commitmentRow.id,
          title: milestone.title,
          titleEs: milestone.titleEs,
          description: milestone.description,
          descriptionEs: milestone.descriptionEs,
          dueDate: day(milestone.dueDate),
          ownerId: ownerId(milestone.owner),
          status: last?.status ?? initialStatus,
          completedOn: last?.status === "completed" ? day(last.completedOn) : null,
          version: 1 + milestone.history.length,
          createdAt: noon(plannedOn),
        },
      });
      milestoneIds.set(milestone.key, created.id);
      let previous: MilestoneStatus = initialStatus;
      for (const update of milestone.history) {
        await tx.statusUpdate.create({
          data: {
            milestoneId: created.id,
            previousStatus: previous,
            newStatus: update.status,
            note: update.note,
            cause: update.cause ?? null,
            completedOn: update.completedOn ? day(update.completedOn) : null,
            authorId: ownerId(milestone.owner) ?? userId("staff"),
            createdAt: noon(update.on),
          },
        });
        previous = update.status;
      }
    }

    for (const evidence of commitment.evidence) {
      const source = demoSources[evidence.source];
      const created = await tx.evidence.create({
        data: {
          commitmentId: commitmentRow.id,
          milestoneId: evidence.milestoneKey ? milestoneIds.get(evidence.milestoneKey)! : null,
          title: evidence.title,
          kind: evidence.kind,
          publisher: evidence.publisher,
          url: evidence.url ?? source.url,
          publishedOn: day(evidence.publishedOn),
          summary: evidence.summary,
          shows: evidence.shows,
          reliability: evidence.reliability,
          authorId: userId("reviewer"),
          createdAt: noon(evidence.publishedOn),
        },
      });
      evidenceIds.set(evidence.key, created.id);
    }
  }

  for (const indicator of demoIndicators) {
    await tx.indicator.create({
      data: {
        pillarId: pillarIds.get(indicator.pillarNumber)!,
        commitmentId: indicator.commitmentKey ? commitmentIds.get(indicator.commitmentKey)! : null,
        name: indicator.name,
        nameEs: indicator.nameEs,
        unit: indicator.unit,
        unitEs: indicator.unitEs,
        better: indicator.better,
        baselineValue: indicator.baseline?.value ?? null,
        baselineDate: indicator.baseline ? day(indicator.baseline.on) : null,
        targetValue: indicator.target?.value ?? null,
        targetDate: indicator.target ? day(indicator.target.on) : null,
        observations: {
          create: indicator.observations.map((observation) => ({
            value: observation.value,
            observedOn: day(observation.on),
            evidenceId: observation.evidenceKey ? evidenceIds.get(observation.evidenceKey)! : null,
            note: observation.note,
            authorId: userId("reviewer"),
          })),
        },
      },
    });
  }

  const closedRounds = [];
  for (const round of demoRounds) {
    const created = await tx.assessmentRound.create({
      data: {
        title: round.title,
        titleEs: round.titleEs,
        periodStart: day(round.periodStart),
        periodEnd: day(round.periodEnd),
        status: round.status,
        closedAt: round.status === "closed" ? noon(round.periodEnd) : null,
        openedById: userId("manager"),
        createdAt: noon(round.periodStart),
      },
    });
    for (const assessment of round.assessments) {
      // Citations are fixed before publication, as in the real workflow: the
      // database refuses to change those of a published assessment.
      const draft = await tx.assessment.create({
        data: {
          roundId: created.id,
          pillarId: pillarIds.get(assessment.pillarNumber)!,
          authorId: userId("reviewer"),
          advances: assessment.advances,
          results: assessment.results,
          narrative: assessment.narrative,
          state: "submitted",
          submittedAt: noon(assessment.publishedOn),
          citations: { create: assessment.citedEvidenceKeys.map((key) => ({ evidenceId: evidenceIds.get(key)! })) },
        },
      });
      await tx.assessment.update({
        where: { id: draft.id },
        data: { state: "published", publishedAt: noon(assessment.publishedOn), publishedById: userId("manager") },
      });
    }
    if (created.closedAt) closedRounds.push({ ...created, closedAt: created.closedAt });
  }
  // Frozen as closing them would have, in the order they closed, once everything they report on is in place.
  closedRounds.sort((a, b) => a.closedAt.getTime() - b.closedAt.getTime());
  for (const round of closedRounds) await freezeRoundReport(tx, round);

  await recordAudit(tx, null, {
    action: "demo.seed",
    entityType: "Database",
    entityId: "demo",
    after: {
      pillars: demoPillars.length,
      commitments: demoCommitments.length,
      indicators: demoIndicators.length,
      rounds: demoRounds.length,
      users: demoUsers.map((user) => user.email),
    },
  });
}
