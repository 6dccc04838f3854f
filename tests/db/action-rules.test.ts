// Every server action row of e2e/route-rules.ts, checked through the
// data-access functions the action delegates to (tests/unit/route-discovery
// holds each row to the action's source), as an actor of each role, on fresh
// records for every check. A probe is built to be refused after the
// permission check, so an allowed role meets that refusal (or gets through
// when the probe is complete) and a refused one ForbiddenError. Anonymous
// visitors never reach these functions: the form runner asks the session
// first, which the unit test checks of each action that needs one.
import { beforeAll, describe, expect, it } from "vitest";
import { actionRules, roles, type ActionRecord, type AllowedAnswer, type DataAccessFunction, type Outcome, type Role } from "../../e2e/route-rules";
import { createApiToken, revokeApiToken } from "../../server/api-tokens";
import { amendAssessment, createAssessment, publishAssessment, returnAssessment, submitAssessment, updateAssessment } from "../../server/assessments";
import { endMySession } from "../../server/auth/sessions";
import { createCommitment as createPlanCommitment, setCommitmentArchived, updateCommitment } from "../../server/commitments";
import { db } from "../../server/db/client";
import type { AssessmentState } from "../../server/db/generated/enums";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../server/errors";
import { logEvidence, retractEvidence } from "../../server/evidence";
import { createMilestone as createPlanMilestone, setMilestoneArchived, updateMilestone } from "../../server/milestones";
import type { Actor } from "../../server/permissions";
import { createPillar as createPlanPillar, updatePillar } from "../../server/pillars";
import { dryRun, importPlan } from "../../server/plan-import";
import { changePassword, confirmSecondFactor, endAllMySessions, removeSecondFactor, startSecondFactorEnrolment } from "../../server/profile";
import { closeRound, openRound } from "../../server/rounds";
import { follow, unfollow } from "../../server/follows";
import { updateNotificationPreferences } from "../../server/notification-preferences";
import { markNotificationsRead, openNotification } from "../../server/notifications";
import { updateMilestoneStatus } from "../../server/status-updates";
import { createUser as createAccount, endUserSessions, resetUserSecondFactor, updateUser } from "../../server/user-admin";
import { setPreferredLocale } from "../../server/users";
import { actorOf, createActor, createAgency, createCommitment, createEvidence, createMilestone, createPillar, createRound, createUser } from "../factories";

// The second-factor enrolment stores its secret encrypted with this key.
process.env.TOTP_ENCRYPTION_KEY = "action-rules-test-key";

const missingId = "no-such-record-0000";
/** Older than any record's version: a write that gets past its permission check meets a stale version. */
const staleVersion = 999;

let actors: Record<Role, Actor>;
let otherReviewer: Actor;
let pillarId: string;
let staffAgencyId: string;
let otherAgencyId: string;

beforeAll(async () => {
  pillarId = (await createPillar()).id;
  staffAgencyId = (await createAgency()).id;
  otherAgencyId = (await createAgency()).id;
  actors = {
    admin: await createActor(["admin"]),
    manager: await createActor(["manager"]),
    reviewer: await createActor(["reviewer"]),
    staff: actorOf(await createUser({ roles: ["staff"], agencyId: staffAgencyId })),
  };
  otherReviewer = await createActor(["reviewer"]);
});

async function closedRound() {
  const round = await createRound();
  return db().assessmentRound.update({ where: { id: round.id }, data: { status: "closed", closedAt: new Date() } });
}

/** An assessment in the given state written directly, as the workflow would have left it; published ones in a closed round. */
async function assessment(author: Actor, state: AssessmentState) {
  const round = state === "published" ? await closedRound() : await createRound();
  const done = state !== "draft";
  const created = await db().assessment.create({
    data: {
      roundId: round.id,
      pillarId,
      authorId: author.id,
      state,
      ...(done ? { advances: "steady", results: "slow", narrative: "Training advanced.", submittedAt: new Date() } : {}),
      ...(state === "published" ? { publishedAt: new Date(), publishedById: actors.manager.id } : {}),
    },
  });
  return created.id;
}

async function milestoneOf(options: { ownerId?: string; agencyId?: string }) {
  const commitment = await createCommitment({ pillarId, agencyIds: options.agencyId ? [options.agencyId] : [] });
  return (await createMilestone({ commitmentId: commitment.id, ownerId: options.ownerId ?? null })).id;
}

const records: Record<ActionRecord, () => Promise<string>> = {
  "assessment.draftOfReviewer": () => assessment(actors.reviewer, "draft"),
  "assessment.submittedOfReviewer": () => assessment(actors.reviewer, "submitted"),
  "assessment.submittedOfOtherReviewer": () => assessment(otherReviewer, "submitted"),
  "assessment.publishedOfReviewer": () => assessment(actors.reviewer, "published"),
  "assessment.publishedOfOtherReviewer": () => assessment(otherReviewer, "published"),
  "evidence.ofReviewer": async () => (await createEvidence({ commitmentId: (await createCommitment({ pillarId })).id, authorId: actors.reviewer.id })).id,
  "evidence.ofStaff": async () => (await createEvidence({ commitmentId: (await createCommitment({ pillarId })).id, authorId: actors.staff.id })).id,
  "milestone.ofStaff": () => milestoneOf({ ownerId: actors.staff.id }),
  "milestone.ofStaffAgency": () => milestoneOf({ agencyId: staffAgencyId }),
  "milestone.ofOtherAgency": async () => milestoneOf({ ownerId: (await createUser({ roles: ["staff"], agencyId: otherAgencyId })).id, agencyId: otherAgencyId }),
  commitment: async () => (await createCommitment({ pillarId })).id,
  pillar: async () => pillarId,
  "round.closed": async () => (await closedRound()).id,
  user: async () => (await createUser({ roles: ["reviewer"] })).id,
  "apiToken.ofOther": async () => (await createApiToken(otherReviewer, { name: "Someone else's", scope: "read", expiresOn: "2026-06-01" }, new Date("2026-03-02T08:00:00Z"))).id,
  missing: async () => missingId,
};

async function evidenceOnMilestone(milestoneId: string) {
  const { commitmentId } = await db().milestone.findUniqueOrThrow({ where: { id: milestoneId }, select: { commitmentId: true } });
  return { commitmentId, milestoneId, title: "Field report", kind: "field_observation", publisher: "Test publisher", summary: "Seen on site.", shows: "advance", reliability: "unverified" };
}

async function statusUpdateOf(milestoneId: string) {
  const { version } = await db().milestone.findUniqueOrThrow({ where: { id: milestoneId }, select: { version: true } });
  return { status: "in_progress", note: "Work has started.", version };
}

type Probe = "refusable" | "complete";
type Call = (actor: Actor, id: string, probe: Probe) => Promise<unknown>;

/** How each data-access function is called with a probe; only those named in a `complete` case build a complete input. */
const calls: Record<DataAccessFunction, Call> = {
  createAssessment: (actor) => createAssessment(actor, {}),
  updateAssessment: (actor, id) => updateAssessment(actor, id, { version: staleVersion }),
  submitAssessment: (actor, id) => submitAssessment(actor, id, { version: staleVersion }),
  publishAssessment: (actor, id) => publishAssessment(actor, id, {}),
  returnAssessment: (actor, id) => returnAssessment(actor, id, {}),
  amendAssessment: (actor, id) => amendAssessment(actor, id),
  logEvidence: async (actor, id, probe) => logEvidence(actor, probe === "complete" ? await evidenceOnMilestone(id) : {}),
  retractEvidence: (actor, id, probe) => retractEvidence(actor, id, probe === "complete" ? { reason: "The source was misread." } : {}),
  updateMilestoneStatus: async (actor, id, probe) => updateMilestoneStatus(actor, id, probe === "complete" ? await statusUpdateOf(id) : {}),
  openRound: (actor) => openRound(actor, {}),
  closeRound: (actor, id) => closeRound(actor, id),
  createPillar: (actor) => createPlanPillar(actor, {}),
  updatePillar: (actor, id) => updatePillar(actor, id, {}),
  createCommitment: (actor) => createPlanCommitment(actor, {}),
  updateCommitment: (actor, id) => updateCommitment(actor, id, {}),
  setCommitmentArchived: (actor, id) => setCommitmentArchived(actor, id, true, {}),
  createMilestone: (actor) => createPlanMilestone(actor, {}),
  updateMilestone: (actor, id) => updateMilestone(actor, id, {}),
  setMilestoneArchived: (actor, id) => setMilestoneArchived(actor, id, true, {}),
  dryRun: (actor) => dryRun(actor, ""),
  importPlan: (actor) => importPlan(actor, ""),
  createUser: (actor) => createAccount(actor, {}),
  updateUser: (actor, id) => updateUser(actor, id, {}),
  endUserSessions: (actor, id) => endUserSessions(actor, id),
  resetUserSecondFactor: (actor, id) => resetUserSecondFactor(actor, id, {}),
  changePassword: (actor) => changePassword(actor, {}),
  endAllMySessions: (actor) => endAllMySessions(actor),
  endMySession: (actor) => endMySession(actor, {}),
  startSecondFactorEnrolment: (actor) => startSecondFactorEnrolment(actor),
  confirmSecondFactor: (actor) => confirmSecondFactor(actor, {}),
  removeSecondFactor: (actor) => removeSecondFactor(actor, {}),
  createApiToken: (actor) => createApiToken(actor, {}),
  revokeApiToken: (actor, id) => revokeApiToken(actor, id),
  setPreferredLocale: (actor) => setPreferredLocale(actor, { locale: "xx" }),
  markNotificationsRead: (actor) => markNotificationsRead(actor, {}),
  openNotification: (actor, id) => openNotification(actor, id),
  follow: (actor) => follow(actor, {}),
  unfollow: (actor) => unfollow(actor, {}),
  updateNotificationPreferences: (actor) => updateNotificationPreferences(actor, { round_opened: "never" }),
};

const answers = { ValidationError, ConflictError, NotFoundError } as const;

/** The answer a call gave, in the table's words. */
async function answerOf(call: Promise<unknown>): Promise<AllowedAnswer | "ForbiddenError" | "other"> {
  try {
    await call;
    return "done";
  } catch (error) {
    if (error instanceof ForbiddenError) return "ForbiddenError";
    for (const [name, kind] of Object.entries(answers)) if (error instanceof kind) return name as keyof typeof answers;
    throw error;
  }
}

function expectedAnswer(outcome: Outcome, allowed: AllowedAnswer): AllowedAnswer | "ForbiddenError" {
  if (outcome === "allowed") return allowed;
  if (outcome === "refused") return "ForbiddenError";
  if (outcome === "hidden") return "NotFoundError";
  throw new Error(`a signed-in role cannot expect "${outcome}" of an action`);
}

// Sign-out calls no data-access function (it ends only the session of the
// browser's own cookie): its row has no calls to check here.
for (const rule of actionRules.filter((row) => row.calls.length > 0)) {
  describe(rule.action, () => {
    for (const [index, rolesCase] of rule.cases.entries()) {
      const checked = rolesCase.call ? [rolesCase.call] : rule.calls;
      for (const call of checked) {
        for (const role of roles) {
          const expected = expectedAnswer(rolesCase.expect[role], rolesCase.allowed);
          const on = rolesCase.record ? ` on ${rolesCase.record}` : "";
          it(`answers the ${role} ${expected === "done" ? "by doing it" : `with ${expected}`} through ${call}${on} (${rolesCase.probe ?? "refusable"} probe, case ${index + 1})`, async () => {
            const id = rolesCase.record ? await records[rolesCase.record]() : missingId;
            expect(await answerOf(calls[call](actors[role], id, rolesCase.probe ?? "refusable"))).toBe(expected);
          });
        }
      }
    }
  });
}
