// The design's rules for every way into the app, in one table: each page, API
// route and server action, and what anonymous visitors and each role get from
// it. The expectations come from the design's table of users
// (../shared/design.md) and server/permissions.ts, never from what the app
// happens to answer. scripts/lib/routes.ts finds the routes in the code; the
// tests fail on a route with no row here and on a row whose route is gone:
//   tests/unit/route-discovery.test.ts — the table covers exactly the routes in app/;
//   e2e/route-rules.spec.ts — every page and API row, over HTTP, anonymous and as each demo role;
//   tests/db/action-rules.test.ts — every server action row, through the data-access function it calls.

export const roles = ["admin", "manager", "reviewer", "staff"] as const;
export type Role = (typeof roles)[number];
export type Who = "anonymous" | Role;
export const everyone: readonly Who[] = ["anonymous", ...roles];

/**
 * What one person gets.
 * - allowed: the page (200), the API's answer to the probe, the action past its permission check;
 * - refused: the role may not (API 403; the page's refusal; ForbiddenError);
 * - hidden: the record is not theirs to see (404; NotFoundError);
 * - signIn: not signed in (pages and non-API paths redirect to /signin, the API answers 401, actions refuse);
 * - away: the sign-in page sends someone already signed in on to the app.
 */
export type Outcome = "allowed" | "refused" | "hidden" | "signIn" | "away";
type Expectation = Record<Who, Outcome>;

/** Only these roles; every other role gets `otherwise`, anonymous visitors are sent to sign in. */
function only(allowed: readonly Role[], otherwise: Outcome = "refused"): Expectation {
  return {
    anonymous: "signIn",
    ...(Object.fromEntries(roles.map((role) => [role, allowed.includes(role) ? "allowed" : otherwise])) as Record<Role, Outcome>),
  };
}

/** Every signed-in role: the design lets everyone read everything not in draft. */
const signedIn = only(roles);
/** No session needed. */
const open: Expectation = { anonymous: "allowed", admin: "allowed", manager: "allowed", reviewer: "allowed", staff: "allowed" };
/** Nothing there, whoever asks. */
const nowhere: Expectation = { anonymous: "hidden", admin: "hidden", manager: "hidden", reviewer: "hidden", staff: "hidden" };

/**
 * Records the browser test looks up in the demo data to fill a dynamic
 * segment (e2e/route-rules.spec.ts says how each is found).
 */
export type DemoRecord =
  | "round.closed"
  | "assessment.published"
  | "evidence"
  | "milestone.ofStaff"
  | "commitment"
  | "pillar"
  | "pillarNumber"
  | "openDataFile"
  | "indicator"
  | "user"
  | "missing"
  | "nextAuth.session"
  | "nextAuth.signIn";

interface HttpCase {
  /** Fills the route's one dynamic segment. */
  record?: DemoRecord;
  expect: Expectation;
}

/**
 * Pages refuse in one of two ways: the admin pages answer 403 with a page
 * that says the person has no access to it (app/(app)/forbidden.tsx); the
 * others say on the page, under its title, that the role does not allow it
 * (the key of that message in messages/*.json).
 */
export type PageRefusal = "forbidden" | { notice: string };

export interface PageRule {
  page: string;
  refusal?: PageRefusal;
  cases: HttpCase[];
}

/**
 * An API row. `body` is the probe sent to a write: one the permission check
 * refuses before anything is written (an empty body, a stale version, a
 * closed round, a missing record), so that an allowed role gets
 * `allowedStatus` (400, 409, 404) and a refused one 403, and nothing changes.
 */
export interface ApiRule {
  route: string;
  body?: unknown;
  allowedStatus?: number;
  cases: HttpCase[];
}

const adminPage = (page: string, record?: DemoRecord): PageRule => ({ page, refusal: "forbidden", cases: [{ record, expect: only(["admin"]) }] });
const readPage = (page: string, record?: DemoRecord): PageRule => ({ page, cases: [{ record, expect: signedIn }] });

export const pageRules: PageRule[] = [
  { page: "/signin", cases: [{ expect: { anonymous: "allowed", admin: "away", manager: "away", reviewer: "away", staff: "away" } }] },
  // The public record, without sign-in (server/public-record.ts); the same pages under /public/en and /public/es.
  { page: "/public", cases: [{ expect: open }] },
  { page: "/public/pillars/[number]", cases: [{ record: "pillarNumber", expect: open }] },
  { page: "/public/indicators/[id]", cases: [{ record: "indicator", expect: open }] },
  // The embeddable cards for other sites' frames, public like the pages they link to (app/embed).
  { page: "/embed/pillars/[number]", cases: [{ record: "pillarNumber", expect: open }] },
  { page: "/embed/indicators/[id]", cases: [{ record: "indicator", expect: open }] },
  // Closed rounds' frozen reports (server/public-rounds.ts) and the check of a copy of one.
  { page: "/public/rounds", cases: [{ expect: open }] },
  { page: "/public/rounds/[id]", cases: [{ record: "round.closed", expect: open }] },
  { page: "/public/verify", cases: [{ expect: open }] },
  // Open data (server/open-data.ts): the files, their licence and their data dictionary.
  { page: "/public/data", cases: [{ expect: open }] },
  readPage("/"),
  readPage("/overview"),
  readPage("/milestones"),
  readPage("/assessments"),
  readPage("/pillars/[number]", "pillarNumber"),
  readPage("/commitments/[id]", "commitment"),
  readPage("/milestones/[id]", "milestone.ofStaff"),
  readPage("/evidence"),
  readPage("/evidence/[id]", "evidence"),
  // Reviewers on any commitment, staff on their own milestones.
  { page: "/evidence/new", refusal: { notice: "evidenceLog.forbidden" }, cases: [{ expect: only(["reviewer", "staff"]) }] },
  { page: "/my-milestones", refusal: { notice: "myMilestones.forbidden" }, cases: [{ expect: only(["staff"]) }] },
  readPage("/rounds"),
  readPage("/rounds/[id]", "round.closed"),
  readPage("/rounds/[id]/report", "round.closed"),
  readPage("/assessments/[id]", "assessment.published"),
  // Every signed-in person's own account.
  readPage("/profile"),
  // Everyone's own inbox.
  readPage("/notifications"),
  // One search of everything the person may read.
  readPage("/search"),
  // Admins manage pillars, commitments, milestones, users and roles, and read the audit trail.
  adminPage("/admin/plan"),
  adminPage("/admin/import"),
  adminPage("/admin/pillars/new"),
  adminPage("/admin/pillars/[id]/edit", "pillar"),
  adminPage("/admin/commitments/new"),
  adminPage("/admin/commitments/[id]/edit", "commitment"),
  adminPage("/admin/milestones/new"),
  adminPage("/admin/milestones/[id]/edit", "milestone.ofStaff"),
  adminPage("/admin/users"),
  adminPage("/admin/users/new"),
  adminPage("/admin/users/[id]", "user"),
  adminPage("/admin/audit"),
  adminPage("/admin/tokens"),
  adminPage("/admin/emails"),
  adminPage("/admin/backups"),
];

const read = (route: string, record?: DemoRecord): ApiRule => ({ route, cases: [{ record, expect: signedIn }] });

export const apiRules: ApiRule[] = [
  { route: "GET /api/health", cases: [{ expect: open }] },
  // Read with METRICS_TOKEN (set for the browser tests' server) as the bearer token, never with a session: everyone without it is asked for it.
  { route: "GET /api/metrics", cases: [{ expect: { anonymous: "signIn", admin: "signIn", manager: "signIn", reviewer: "signIn", staff: "signIn" } }] },
  { route: "GET /api/v1/openapi.json", cases: [{ expect: open }] },
  // An email's signed unsubscribe link, without sign-in (server/unsubscribe.ts); the probe has no token, which is refused.
  { route: "GET /unsubscribe", allowedStatus: 400, cases: [{ expect: open }] },
  { route: "POST /unsubscribe", allowedStatus: 400, cases: [{ expect: open }] },
  // The public record's files, without sign-in: a closed round's frozen document (at /public/rounds/{id}.json, which
  // proxy.ts rewrites to this route) and its PDF, and the Atom feed; the check of a copy answers the form with its
  // page (303), for the probe's empty post too.
  { route: "GET /public/rounds/[id]/document", cases: [{ record: "round.closed", expect: open }] },
  { route: "GET /public/rounds/[id]/report.pdf", cases: [{ record: "round.closed", expect: open }] },
  { route: "GET /public/feed.xml", cases: [{ expect: open }] },
  // The open data files (/public/data/{file}.csv, .json and dictionary.json), cached for a minute by anyone.
  { route: "GET /public/data/[file]", cases: [{ record: "openDataFile", expect: open }] },
  { route: "POST /public/verify/upload", allowedStatus: 303, cases: [{ expect: open }] },
  // next-auth's own endpoints: the session as the browser sees it, and a sign-in without its CSRF token, sent back to the form.
  { route: "GET /api/auth/[...nextauth]", cases: [{ record: "nextAuth.session", expect: open }] },
  { route: "POST /api/auth/[...nextauth]", allowedStatus: 302, cases: [{ record: "nextAuth.signIn", expect: open }] },
  read("GET /api/v1/pillars"),
  read("GET /api/v1/commitments"),
  read("GET /api/v1/milestones"),
  read("GET /api/v1/milestones/[id]", "milestone.ofStaff"),
  read("GET /api/v1/status-updates"),
  read("GET /api/v1/evidence"),
  read("GET /api/v1/evidence/[id]", "evidence"),
  read("GET /api/v1/rounds"),
  read("GET /api/v1/rounds/[id]", "round.closed"),
  read("GET /api/v1/rounds/[id]/report.pdf", "round.closed"),
  read("GET /api/v1/assessments"),
  read("GET /api/v1/assessments/[id]", "assessment.published"),
  // Staff update the status of their own milestones (which of them: tests/db/action-rules.test.ts).
  { route: "POST /api/v1/milestones/[id]/status-updates", body: {}, allowedStatus: 400, cases: [{ record: "milestone.ofStaff", expect: only(["staff"]) }] },
  { route: "POST /api/v1/evidence", body: {}, allowedStatus: 400, cases: [{ expect: only(["reviewer", "staff"]) }] },
  { route: "POST /api/v1/evidence/[id]/retractions", body: {}, allowedStatus: 400, cases: [{ record: "evidence", expect: only(["reviewer", "staff"]) }] },
  // Managers open and close rounds; the demo rounds are closed already, so an allowed close answers 409.
  { route: "POST /api/v1/rounds", body: {}, allowedStatus: 400, cases: [{ expect: only(["admin", "manager"]) }] },
  { route: "POST /api/v1/rounds/[id]/close", allowedStatus: 409, cases: [{ record: "round.closed", expect: only(["admin", "manager"]) }] },
  // Reviewers write assessments, staff their agency's self-assessment.
  { route: "POST /api/v1/assessments", body: {}, allowedStatus: 400, cases: [{ record: undefined, expect: only(["reviewer", "staff"]) }] },
  // Only the author edits, submits and amends; the demo reviewer wrote the
  // published demo assessments, so the author's edit and submission meet a
  // published assessment (409), the amendment its closed round (409).
  { route: "PATCH /api/v1/assessments/[id]", body: { version: 1 }, allowedStatus: 409, cases: [{ record: "assessment.published", expect: only(["reviewer"]) }] },
  { route: "POST /api/v1/assessments/[id]/submit", body: { version: 1 }, allowedStatus: 409, cases: [{ record: "assessment.published", expect: only(["reviewer"]) }] },
  { route: "POST /api/v1/assessments/[id]/amend", allowedStatus: 409, cases: [{ record: "assessment.published", expect: only(["reviewer"]) }] },
  // Managers publish or return submitted assessments.
  { route: "POST /api/v1/assessments/[id]/publish", body: {}, allowedStatus: 400, cases: [{ record: "assessment.published", expect: only(["admin", "manager"]) }] },
  { route: "POST /api/v1/assessments/[id]/return", body: {}, allowedStatus: 400, cases: [{ record: "assessment.published", expect: only(["admin", "manager"]) }] },
  // Admins: the plan import template, users and roles, the audit trail.
  { route: "GET /admin/import/template", cases: [{ expect: only(["admin"]) }] },
  { route: "GET /api/v1/users", cases: [{ expect: only(["admin"]) }] },
  { route: "POST /api/v1/users", body: {}, allowedStatus: 400, cases: [{ expect: only(["admin"]) }] },
  { route: "PATCH /api/v1/users/[id]", body: {}, allowedStatus: 400, cases: [{ record: "user", expect: only(["admin"]) }] },
  { route: "POST /api/v1/users/[id]/second-factor/reset", body: {}, allowedStatus: 400, cases: [{ record: "user", expect: only(["admin"]) }] },
  { route: "POST /api/v1/users/[id]/sessions/end", allowedStatus: 404, cases: [{ record: "missing", expect: only(["admin"]) }] },
  { route: "GET /api/v1/audit-events", cases: [{ expect: only(["admin"]) }] },
  // Everyone keeps personal API tokens; a token of no one (or of someone else, for all but admins) is not found.
  read("GET /api/v1/tokens"),
  { route: "POST /api/v1/tokens", body: {}, allowedStatus: 400, cases: [{ expect: signedIn }] },
  { route: "POST /api/v1/tokens/[id]/revoke", allowedStatus: 404, cases: [{ record: "missing", expect: signedIn }] },
  // Everyone's own inbox, follows and notification preferences.
  read("GET /api/v1/notifications"),
  // The probe sends no words, which the search refuses as a field error.
  { route: "GET /api/v1/search", allowedStatus: 400, cases: [{ expect: signedIn }] },
  { route: "POST /api/v1/notifications/read", body: {}, allowedStatus: 400, cases: [{ expect: signedIn }] },
  read("GET /api/v1/notification-preferences"),
  { route: "PUT /api/v1/notification-preferences", body: { round_opened: "never" }, allowedStatus: 400, cases: [{ expect: signedIn }] },
  { route: "POST /api/v1/follows", body: {}, allowedStatus: 400, cases: [{ expect: signedIn }] },
  { route: "DELETE /api/v1/follows", body: {}, allowedStatus: 400, cases: [{ expect: signedIn }] },
  // An address the API does not have: 404 in JSON, to everyone.
  ...["GET", "POST", "PUT", "PATCH", "DELETE"].map((method): ApiRule => ({ route: `${method} /api/v1/[...path]`, cases: [{ record: "missing", expect: nowhere }] })),
];

/**
 * Records tests/db/action-rules.test.ts makes for each check: `ofReviewer`
 * records belong to the reviewer who checks them, `ofStaff` ones to the
 * staff member's milestones or agency, `ofOther…` to someone else.
 */
export type ActionRecord =
  | "assessment.draftOfReviewer"
  | "assessment.submittedOfReviewer"
  | "assessment.submittedOfOtherReviewer"
  | "assessment.publishedOfReviewer"
  | "assessment.publishedOfOtherReviewer"
  | "evidence.ofReviewer"
  | "evidence.ofStaff"
  | "milestone.ofStaff"
  | "milestone.ofStaffAgency"
  | "milestone.ofOtherAgency"
  | "commitment"
  | "pillar"
  | "round.closed"
  | "user"
  | "apiToken.ofOther"
  | "missing";

/** The data-access functions the server actions delegate to, by name. */
export type DataAccessFunction =
  | "createAssessment"
  | "updateAssessment"
  | "submitAssessment"
  | "publishAssessment"
  | "returnAssessment"
  | "amendAssessment"
  | "logEvidence"
  | "retractEvidence"
  | "updateMilestoneStatus"
  | "openRound"
  | "closeRound"
  | "createPillar"
  | "updatePillar"
  | "createCommitment"
  | "updateCommitment"
  | "setCommitmentArchived"
  | "createMilestone"
  | "updateMilestone"
  | "setMilestoneArchived"
  | "dryRun"
  | "importPlan"
  | "createUser"
  | "updateUser"
  | "endUserSessions"
  | "resetUserSecondFactor"
  | "changePassword"
  | "endAllMySessions"
  | "endMySession"
  | "startSecondFactorEnrolment"
  | "confirmSecondFactor"
  | "removeSecondFactor"
  | "createApiToken"
  | "revokeApiToken"
  | "setPreferredLocale"
  | "markNotificationsRead"
  | "openNotification"
  | "follow"
  | "unfollow"
  | "updateNotificationPreferences";

/**
 * What an allowed call answers to the probe: the refusal after the permission
 * check that the probe is built to meet, or `done` when the call goes through.
 */
export type AllowedAnswer = "ValidationError" | "ConflictError" | "NotFoundError" | "done";

interface ActionCase {
  /** The one of the row's calls this case checks; every one unless named. */
  call?: DataAccessFunction;
  record?: ActionRecord;
  /**
   * `refusable` (the default): an input the function refuses after its
   * permission check (empty, a stale version, a closed round). `complete`: a
   * valid input, for rules decided on the record itself (a staff member on
   * another agency's milestone), which need the input past validation.
   */
  probe?: "refusable" | "complete";
  allowed: AllowedAnswer;
  expect: Expectation;
}

export interface ActionRule {
  action: string;
  /** What the action calls; its source must name each. None for sign-out, which ends only the session of the browser's own cookie. */
  calls: DataAccessFunction[];
  cases: ActionCase[];
}

const adminAction = (action: string, call: DataAccessFunction, record?: ActionRecord, allowed: AllowedAnswer = "ValidationError"): ActionRule => ({
  action,
  calls: [call],
  cases: [{ record, allowed, expect: only(["admin"]) }],
});
const ownAccountAction = (action: string, call: DataAccessFunction, allowed: AllowedAnswer): ActionRule => ({ action, calls: [call], cases: [{ allowed, expect: signedIn }] });

export const actionRules: ActionRule[] = [
  // Reviewers write independent assessments, staff their agency's self-assessment.
  { action: "app/actions/assessments.ts#startAssessmentAction", calls: ["createAssessment"], cases: [{ allowed: "ValidationError", expect: only(["reviewer", "staff"]) }] },
  // Only the author edits and submits, in an open round; no one else sees a draft.
  // The draft's form saves it, or submits it as it shows it.
  {
    action: "app/actions/assessments.ts#saveAssessmentAction",
    calls: ["updateAssessment", "submitAssessment"],
    cases: [
      { call: "updateAssessment", record: "assessment.draftOfReviewer", allowed: "ConflictError", expect: only(["reviewer"], "hidden") },
      { call: "submitAssessment", record: "assessment.draftOfReviewer", allowed: "ValidationError", expect: only(["reviewer"], "hidden") },
      { record: "assessment.submittedOfOtherReviewer", allowed: "ConflictError", expect: only([]) },
    ],
  },
  // Managers publish or return submitted work.
  { action: "app/actions/assessments.ts#publishAssessmentAction", calls: ["publishAssessment"], cases: [{ record: "assessment.submittedOfReviewer", allowed: "ValidationError", expect: only(["admin", "manager"]) }] },
  { action: "app/actions/assessments.ts#returnAssessmentAction", calls: ["returnAssessment"], cases: [{ record: "assessment.submittedOfReviewer", allowed: "ValidationError", expect: only(["admin", "manager"]) }] },
  // A published assessment is amended by its author only.
  {
    action: "app/actions/assessments.ts#amendAssessmentAction",
    calls: ["amendAssessment"],
    cases: [
      { record: "assessment.publishedOfReviewer", allowed: "ConflictError", expect: only(["reviewer"]) },
      { record: "assessment.publishedOfOtherReviewer", allowed: "ConflictError", expect: only([]) },
    ],
  },
  // Reviewers log evidence on any commitment, staff on their own milestones only.
  {
    action: "app/actions/evidence.ts#logEvidenceAction",
    calls: ["logEvidence"],
    cases: [
      { allowed: "ValidationError", expect: only(["reviewer", "staff"]) },
      { record: "milestone.ofStaff", probe: "complete", allowed: "done", expect: only(["reviewer", "staff"]) },
      { record: "milestone.ofOtherAgency", probe: "complete", allowed: "done", expect: only(["reviewer"]) },
    ],
  },
  // A retraction corrects one's own evidence; reviewers may retract any.
  {
    action: "app/actions/evidence.ts#retractEvidenceAction",
    calls: ["retractEvidence"],
    cases: [
      { record: "evidence.ofReviewer", allowed: "ValidationError", expect: only(["reviewer", "staff"]) },
      { record: "evidence.ofReviewer", probe: "complete", allowed: "done", expect: only(["reviewer"]) },
      { record: "evidence.ofStaff", probe: "complete", allowed: "done", expect: only(["reviewer", "staff"]) },
    ],
  },
  // Staff update milestones they own or of their agency's commitments.
  {
    action: "app/actions/status-updates.ts#submitStatusUpdate",
    calls: ["updateMilestoneStatus"],
    cases: [
      { record: "milestone.ofStaff", allowed: "ValidationError", expect: only(["staff"]) },
      { record: "milestone.ofStaffAgency", probe: "complete", allowed: "done", expect: only(["staff"]) },
      { record: "milestone.ofOtherAgency", probe: "complete", allowed: "done", expect: only([]) },
    ],
  },
  { action: "app/actions/rounds.ts#openRoundAction", calls: ["openRound"], cases: [{ allowed: "ValidationError", expect: only(["admin", "manager"]) }] },
  { action: "app/actions/rounds.ts#closeRoundAction", calls: ["closeRound"], cases: [{ record: "round.closed", allowed: "ConflictError", expect: only(["admin", "manager"]) }] },
  // Admins keep the plan.
  adminAction("app/actions/plan.ts#createPillarAction", "createPillar"),
  adminAction("app/actions/plan.ts#updatePillarAction", "updatePillar", "pillar"),
  adminAction("app/actions/plan.ts#createCommitmentAction", "createCommitment"),
  adminAction("app/actions/plan.ts#updateCommitmentAction", "updateCommitment", "commitment"),
  adminAction("app/actions/plan.ts#setCommitmentArchivedAction", "setCommitmentArchived", "commitment"),
  adminAction("app/actions/plan.ts#createMilestoneAction", "createMilestone"),
  adminAction("app/actions/plan.ts#updateMilestoneAction", "updateMilestone", "milestone.ofStaff"),
  adminAction("app/actions/plan.ts#setMilestoneArchivedAction", "setMilestoneArchived", "milestone.ofStaff"),
  // The dry run lists an empty file's problems; the import refuses it.
  {
    action: "app/actions/plan.ts#planImportAction",
    calls: ["dryRun", "importPlan"],
    cases: [
      { call: "dryRun", allowed: "done", expect: only(["admin"]) },
      { call: "importPlan", allowed: "ValidationError", expect: only(["admin"]) },
    ],
  },
  // Admins manage users and roles.
  adminAction("app/actions/users.ts#createUserAction", "createUser"),
  adminAction("app/actions/users.ts#updateUserAction", "updateUser", "user"),
  adminAction("app/actions/users.ts#setUserActiveAction", "updateUser", "user"),
  adminAction("app/actions/users.ts#resetUserSecondFactorAction", "resetUserSecondFactor", "user"),
  adminAction("app/actions/users.ts#endUserSessionsAction", "endUserSessions", "missing", "NotFoundError"),
  // Everyone keeps their own account.
  ownAccountAction("app/actions/profile.ts#changePasswordAction", "changePassword", "ValidationError"),
  ownAccountAction("app/actions/profile.ts#signOutEverywhereAction", "endAllMySessions", "done"),
  // Only one's own sessions: another's is not found (tests/db/sessions.test.ts).
  ownAccountAction("app/actions/profile.ts#endMySessionAction", "endMySession", "ValidationError"),
  ownAccountAction("app/actions/profile.ts#startSecondFactorAction", "startSecondFactorEnrolment", "done"),
  ownAccountAction("app/actions/profile.ts#confirmSecondFactorAction", "confirmSecondFactor", "ValidationError"),
  ownAccountAction("app/actions/profile.ts#removeSecondFactorAction", "removeSecondFactor", "ValidationError"),
  // Everyone makes and revokes their own API tokens; admins revoke anyone's, which no one else even finds.
  ownAccountAction("app/actions/api-tokens.ts#createApiTokenAction", "createApiToken", "ValidationError"),
  {
    action: "app/actions/api-tokens.ts#revokeApiTokenAction",
    calls: ["revokeApiToken"],
    cases: [
      { record: "apiToken.ofOther", allowed: "done", expect: only(["admin"], "hidden") },
      { record: "missing", allowed: "NotFoundError", expect: signedIn },
    ],
  },
  // Everyone keeps their own inbox, follows and notification preferences; another's notification is not found.
  ownAccountAction("app/actions/notifications.ts#markNotificationsReadAction", "markNotificationsRead", "ValidationError"),
  { action: "app/actions/notifications.ts#openNotificationAction", calls: ["openNotification"], cases: [{ record: "missing", allowed: "NotFoundError", expect: signedIn }] },
  ownAccountAction("app/actions/notifications.ts#followAction", "follow", "ValidationError"),
  ownAccountAction("app/actions/notifications.ts#unfollowAction", "unfollow", "ValidationError"),
  ownAccountAction("app/actions/notifications.ts#updateNotificationPreferencesAction", "updateNotificationPreferences", "ValidationError"),
  // The language is switched for anyone; a signed-in person's choice is kept on their account.
  { action: "app/actions/locale.ts#switchLocale", calls: ["setPreferredLocale"], cases: [{ allowed: "ValidationError", expect: { ...signedIn, anonymous: "allowed" } }] },
  { action: "app/actions/session.ts#signOutAction", calls: [], cases: [{ allowed: "done", expect: open }] },
];

/** The address of a rule's route, without its method. */
export const pathOf = (route: string) => route.replace(/^[A-Z]+ /, "");
