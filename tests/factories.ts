// Test data with unique values per call, so tests never depend on each other's
// rows. Written through the same client as the app, never mocked.
import { randomBytes } from "node:crypto";
import { hashPassword } from "../server/auth/password";
import { db } from "../server/db/client";
import type { Role } from "../server/db/generated/enums";
import type { Actor } from "../server/permissions";

const unique = () => randomBytes(5).toString("hex");

export async function createUser(options: { roles: Role[]; password?: string; agencyId?: string | null; active?: boolean }) {
  const id = unique();
  return db().user.create({
    data: {
      email: `user-${id}@test.local`,
      name: `Test User ${id}`,
      roles: options.roles,
      agencyId: options.agencyId ?? null,
      active: options.active ?? true,
      passwordHash: options.password ? await hashPassword(options.password) : null,
    },
  });
}

/**
 * A session of the user as a sign-in records it (by default started now),
 * answered as what its token names: the account, its current session version
 * and the session's record.
 */
export async function createSession(userId: string, options: { startedAt?: Date; userAgent?: string } = {}) {
  const { sessionVersion } = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  const startedAt = options.startedAt ?? new Date();
  const session = await db().session.create({ data: { id: `session-${unique()}`, userId, startedAt, lastSeenAt: startedAt, userAgent: options.userAgent ?? null } });
  return { sub: userId, sid: session.id, sessionVersion };
}

export function actorOf(user: { id: string; name: string; email: string; roles: Role[]; agencyId: string | null; locale: "en" | "es" }): Actor {
  return { id: user.id, name: user.name, email: user.email, roles: user.roles, agencyId: user.agencyId, locale: user.locale };
}

export async function createPillar() {
  // Pillar numbers are 1–5 and unique; a test database copied from the
  // template has none, so a file may create each number once.
  const existing = await db().pillar.findMany({ select: { number: true } });
  const number = [1, 2, 3, 4, 5].find((n) => !existing.some((p) => p.number === n));
  if (!number) throw new Error("all five pillars exist in this test database");
  return db().pillar.create({ data: { number, code: `T${number}`, name: `Pillar ${number} ${unique()}`, description: "Test pillar" } });
}

export async function createCommitment(options: { pillarId?: string; agencyIds?: string[] } = {}) {
  const pillarId = options.pillarId ?? (await db().pillar.findFirst())?.id ?? (await createPillar()).id;
  return db().commitment.create({
    data: {
      pillarId,
      title: `Commitment ${unique()}`,
      description: "Test commitment",
      leadParty: "joint",
      sourceCitation: "Test source",
      agencies: { create: (options.agencyIds ?? []).map((agencyId) => ({ agencyId })) },
    },
  });
}

export async function createMilestone(options: { commitmentId?: string; ownerId?: string | null; dueDate?: Date } = {}) {
  const commitmentId = options.commitmentId ?? (await createCommitment()).id;
  return db().milestone.create({
    data: {
      commitmentId,
      title: `Milestone ${unique()}`,
      description: "Test milestone",
      dueDate: options.dueDate ?? new Date("2027-01-31T00:00:00Z"),
      ownerId: options.ownerId ?? null,
    },
  });
}

export async function createAgency() {
  const id = unique();
  return db().agency.create({ data: { code: `AG-${id}`, name: `Agency ${id}`, country: "mx" } });
}

/** A person of the given roles as the data-access layer sees them. */
export async function createActor(roles: Role[]): Promise<Actor> {
  return actorOf(await createUser({ roles }));
}

/** An open assessment round covering 2020–2025 unless told otherwise. */
export async function createRound(options: { openedById?: string; periodStart?: string; periodEnd?: string } = {}) {
  const openedById = options.openedById ?? (await createUser({ roles: ["manager"] })).id;
  return db().assessmentRound.create({
    data: {
      title: `Round ${unique()}`,
      periodStart: new Date(`${options.periodStart ?? "2020-01-01"}T00:00:00Z`),
      periodEnd: new Date(`${options.periodEnd ?? "2025-12-31"}T00:00:00Z`),
      openedById,
    },
  });
}

/** Evidence on a commitment, published on the given day (2024-06-01 unless told otherwise). */
export async function createEvidence(options: { commitmentId: string; publishedOn?: string | null; authorId?: string; createdAt?: Date }) {
  const authorId = options.authorId ?? (await createUser({ roles: ["reviewer"] })).id;
  const publishedOn = options.publishedOn === undefined ? "2024-06-01" : options.publishedOn;
  return db().evidence.create({
    data: {
      commitmentId: options.commitmentId,
      title: `Evidence ${unique()}`,
      kind: "official_document",
      publisher: "Test publisher",
      publishedOn: publishedOn ? new Date(`${publishedOn}T00:00:00Z`) : null,
      summary: "Test summary",
      shows: "advance",
      reliability: "official_record",
      authorId,
      createdAt: options.createdAt,
    },
  });
}
