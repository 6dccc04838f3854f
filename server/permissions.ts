import "server-only";
import { Role, type ApiTokenScope, type Locale } from "./db/generated/enums";
import { ForbiddenError } from "./errors";

/** The signed-in person as the data-access layer sees them. */
export interface Actor {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  agencyId: string | null;
  locale: Locale;
  /** Set when the request was made with a personal API token (server/api-tokens.ts): the audit trail names the token. */
  via?: ApiTokenUse;
}

/** The personal API token a request acts with. */
export interface ApiTokenUse {
  tokenId: string;
  tokenName: string;
  scope: ApiTokenScope;
}

// Every role: the design lets everyone signed in read everything not in draft.
const everyone = Object.values(Role);

// Which roles may perform each operation, from the design's table of users.
// Row-level rules (a staff member's own milestones, a reviewer's own drafts)
// are applied by the module that owns the record, inside its query.
const permissions = {
  "plan.read": everyone,
  "plan.manage": ["admin"],
  // Create users, change their roles, agency and name, deactivate them, end their sessions.
  "user.manage": ["admin"],
  "profile.update": everyone,
  // One's own inbox, follows and notification preferences (server/notifications.ts, server/follows.ts).
  "notifications.own": everyone,
  // Personal API tokens: everyone creates, lists and revokes their own (server/api-tokens.ts)…
  "apiToken.own": everyone,
  // …and admins list and revoke anyone's.
  "apiToken.manage": ["admin"],
  // Staff only, and only on milestones they own or of their agency's
  // commitments: see server/status-updates.ts.
  "milestone.updateStatus": ["staff"],
  "milestones.mine": ["staff"],
  // Reviewers on any commitment; staff on their own milestones only (server/evidence.ts).
  "evidence.log": ["reviewer", "staff"],
  // Log on any commitment, with or without one of its milestones; the others
  // log only on a milestone whose status they may update.
  "evidence.logOnAnyCommitment": ["reviewer"],
  // Retract anyone's evidence; whoever logs evidence may retract their own.
  "evidence.retractAny": ["reviewer"],
  "round.manage": ["admin", "manager"],
  // Independent assessments; each author edits and submits only their own (server/assessments.ts).
  "assessment.write": ["reviewer"],
  // An agency's self-assessment of its own commitments.
  "selfAssessment.write": ["staff"],
  // Publish or return a submitted assessment, never one's own.
  "assessment.decide": ["admin", "manager"],
  // The audit trail: who changed what, with the values before and after.
  "audit.read": ["admin"],
  // The server's build, pending migrations and database latency (/api/health?detail=1), the email ledger (/admin/emails), the scheduled backups (/admin/backups).
  "operations.read": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(actor: Actor, permission: Permission): boolean {
  const allowed: readonly Role[] = permissions[permission];
  return actor.roles.some((role) => allowed.includes(role));
}

export function ensure(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new ForbiddenError(actor, permission);
}

/** The roles given a permission, for the rules about who holds one (server/user-admin.ts keeps someone able to manage users). */
export function rolesWith(permission: Permission): readonly Role[] {
  return permissions[permission];
}
