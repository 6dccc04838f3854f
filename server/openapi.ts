import "server-only";
import { z } from "zod";
import { statusesNamingACause } from "../domain/milestone-status";
import { apiTokenInput, apiTokenMaxDays } from "./api-tokens";
import { auditEventCsvColumns, auditEventFilter } from "./audit-trail";
import { assessmentCsvColumns, assessmentDraftInput, assessmentEditInput, assessmentFilter, assessmentReturnInput, assessmentStepInput } from "./assessments";
import { commitmentCsvColumns, commitmentFilter } from "./commitments";
import {
  Advances,
  ApiTokenScope,
  AssessmentKind,
  AssessmentState,
  DelayCause,
  EvidenceKind,
  EvidenceShows,
  FollowTarget,
  LeadParty,
  Locale,
  MilestoneStatus,
  NotificationDelivery,
  NotificationKind,
  Reliability,
  Results,
  Role,
  RoundStatus,
} from "./db/generated/enums";
import { evidenceCountCap, evidenceCsvColumns, evidenceFilter, evidenceInput, retractionInput } from "./evidence";
import { followInput } from "./follows";
import { milestoneCsvColumns, milestoneFilter, urgencies } from "./milestones";
import { preferencesInput } from "./notification-preferences";
import { markReadInput, notificationFilter } from "./notifications";
import { rollupFilter } from "./rollups";
import { roundCsvColumns, roundInput } from "./rounds";
import { searchInput, searchResultsPerKind } from "./search";
import { statusUpdateCsvColumns, statusUpdateFilter, statusUpdateInput } from "./status-updates";
import { userCreateInput, userCsvColumns, userSecondFactorResetInput, userUpdateInput } from "./user-admin";

// The OpenAPI 3.1 document of the JSON API, served at /api/v1/openapi.json.
// Request bodies and query parameters are generated from the zod schemas the
// data-access layer parses them with, so they cannot drift from what the API
// accepts; the answers are described here in zod too, and the database tests
// parse the lists' real answers with them.

const id = z.string().describe("opaque id");
const date = z.iso.date();
const dateTime = z.iso.datetime();
const named = z.strictObject({ name: z.string() });
const titled = z.strictObject({ id, title: z.string() });
/** The Spanish version of a plan text beside its English: null until someone writes it. */
const spanish = z.string().nullable().describe("the Spanish version of the text before it; null until written");
/** A plan record's title in both languages. */
const titledPlan = titled.extend({ titleEs: spanish });
/** The language a person wrote a text in: theirs at the time. */
const writtenIn = z.enum(Locale);
const count = z.number().int().min(0);
const statusCounts = z.record(z.enum(MilestoneStatus), count);

// ---------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------

const pillar = z.strictObject({
  id,
  number: z.number().int().min(1).max(5),
  code: z.string(),
  name: z.string(),
  nameEs: spanish,
  description: z.string(),
  descriptionEs: spanish,
  commitmentCount: count,
  milestoneCount: count,
  milestonesByStatus: statusCounts,
  percentCompleted: z.number().min(0).max(100).nullable().describe("completed among milestones not cancelled, one decimal"),
  overdue: count,
  atRisk: count,
  delaysByCause: z.record(z.enum(DelayCause), count).describe("milestones at risk or delayed on the day, by the cause of their latest update"),
  lastStatusUpdateAt: z.iso.datetime().nullable(),
  daysSinceLastStatusUpdate: count.nullable(),
  latestVerdict: z
    .strictObject({ roundId: id, roundTitle: z.string(), roundTitleEs: spanish, periodEnd: date, assessmentId: id, advances: z.enum(Advances), results: z.enum(Results) })
    .nullable()
    .describe("the standing independent verdict of the whole pillar in the latest round, as published by the day"),
});

const commitmentSummary = z.strictObject({
  id,
  title: z.string(),
  titleEs: spanish,
  leadParty: z.enum(LeadParty),
  startDate: date.nullable(),
  targetDate: date.nullable(),
  pillar: z.strictObject({ id, number: z.number().int(), code: z.string(), name: z.string(), nameEs: spanish }),
  agencies: z.array(z.strictObject({ code: z.string(), name: z.string() })),
  milestoneCount: count,
  milestonesByStatus: statusCounts,
});

const pillarRef = z.strictObject({ number: z.number().int(), code: z.string(), name: z.string(), nameEs: spanish });

const milestoneListItem = z.strictObject({
  id,
  title: z.string(),
  titleEs: spanish,
  dueDate: date,
  status: z.enum(MilestoneStatus),
  version: z.number().int(),
  owner: z.strictObject({ id, name: z.string() }).nullable(),
  commitment: titledPlan,
  pillar: pillarRef,
  lastUpdateAt: dateTime.nullable(),
  urgency: z.enum(urgencies),
  overdue: z.boolean().describe("not completed nor cancelled, and due before today"),
});

const historyEntry = z.strictObject({
  id,
  previousStatus: z.enum(MilestoneStatus),
  newStatus: z.enum(MilestoneStatus),
  note: z.string(),
  noteLanguage: writtenIn,
  cause: z.enum(DelayCause).nullable(),
  completedOn: date.nullable(),
  author: z.string().describe("the author's name"),
  createdAt: dateTime,
});

const milestoneDetail = z.strictObject({
  id,
  title: z.string(),
  titleEs: spanish,
  description: z.string(),
  descriptionEs: spanish,
  dueDate: date,
  status: z.enum(MilestoneStatus),
  completedOn: date.nullable(),
  overdue: z.boolean().describe("not completed nor cancelled, and due before today"),
  dueSoon: z.boolean().describe("not completed nor cancelled, and due within 14 days from today"),
  version: z.number().int(),
  archived: z.boolean(),
  owner: named.nullable(),
  commitment: titled,
  pillar: pillarRef,
  mayUpdateStatus: z.boolean(),
  history: z.array(historyEntry).describe("newest first"),
});

const statusUpdateResult = z.strictObject({
  milestone: z.strictObject({ id, status: z.enum(MilestoneStatus), completedOn: date.nullable(), version: z.number().int() }),
  statusUpdate: historyEntry.omit({ author: true }),
});

const statusUpdateListItem = z.strictObject({
  id,
  milestone: titledPlan,
  commitment: titledPlan,
  pillar: z.strictObject({ number: z.number().int(), code: z.string() }),
  previousStatus: z.enum(MilestoneStatus),
  newStatus: z.enum(MilestoneStatus),
  cause: z.enum(DelayCause).nullable(),
  completedOn: date.nullable(),
  note: z.string(),
  noteLanguage: writtenIn,
  author: named,
  createdAt: dateTime,
});

const evidence = z.strictObject({
  id,
  commitmentId: id,
  milestoneId: id.nullable(),
  title: z.string(),
  kind: z.enum(EvidenceKind),
  publisher: z.string(),
  url: z.string().nullable(),
  publishedOn: dateTime.nullable().describe("the publication day at 00:00 UTC"),
  summary: z.string(),
  language: writtenIn.describe("the language its title and summary were written in"),
  shows: z.enum(EvidenceShows),
  reliability: z.enum(Reliability),
  authorId: id,
  createdAt: dateTime,
});

const evidenceListItem = evidence.extend({
  commitment: z.strictObject({ id, title: z.string(), titleEs: spanish, pillar: z.strictObject({ number: z.number().int(), code: z.string() }) }),
  milestone: titledPlan.nullable(),
  retraction: z.strictObject({ reason: z.string(), createdAt: dateTime }).nullable(),
  author: named,
});

const evidenceDetail = evidence.extend({
  commitment: z.strictObject({ id, title: z.string(), titleEs: spanish, pillar: pillarRef }),
  milestone: titledPlan.nullable(),
  retraction: z.strictObject({ reason: z.string(), createdAt: dateTime, author: named }).nullable(),
  author: named,
  citations: z
    .array(
      z.strictObject({
        assessment: z.strictObject({
          id,
          advances: z.enum(Advances).nullable(),
          results: z.enum(Results).nullable(),
          round: titledPlan,
          pillar: z.strictObject({ number: z.number().int() }),
        }),
      }),
    )
    .describe("the published assessments citing it"),
  mayRetract: z.boolean(),
});

const retraction = z.strictObject({ id, evidenceId: id, reason: z.string(), authorId: id, createdAt: dateTime });

const round = z.strictObject({
  id,
  title: z.string(),
  titleEs: spanish,
  periodStart: date,
  periodEnd: date,
  status: z.enum(RoundStatus),
  openedBy: z.string().describe("the name of who opened it"),
  closedAt: dateTime.nullable(),
  createdAt: dateTime,
});

const roundListItem = round.extend({
  assessments: z.partialRecord(z.enum(AssessmentState), count).describe("how many assessments you can see in each state; states with none are absent"),
});

const assessment = z.strictObject({
  id,
  roundId: id,
  pillarId: id,
  commitmentId: id.nullable(),
  kind: z.enum(AssessmentKind),
  agencyId: id.nullable(),
  authorId: id,
  advances: z.enum(Advances).nullable(),
  results: z.enum(Results).nullable(),
  narrative: z.string(),
  narrativeLanguage: writtenIn,
  state: z.enum(AssessmentState),
  returnComment: z.string().nullable(),
  amendsId: id.nullable(),
  edition: z.number().int(),
  version: z.number().int(),
  evidenceIds: z.array(id),
  submittedAt: dateTime.nullable(),
  publishedAt: dateTime.nullable(),
  createdAt: dateTime,
  updatedAt: dateTime,
});

const assessmentListItem = assessment
  .pick({ id: true, kind: true, state: true, advances: true, results: true, edition: true, version: true, authorId: true, agencyId: true, amendsId: true, submittedAt: true, publishedAt: true, updatedAt: true })
  .extend({
    round: z.strictObject({ id, title: z.string(), titleEs: spanish, status: z.enum(RoundStatus) }),
    pillar: z.strictObject({ id, number: z.number().int(), name: z.string(), nameEs: spanish }),
    commitment: titledPlan.nullable(),
    agency: named.nullable(),
    author: named,
    amendedBy: z.strictObject({ id, state: z.enum(AssessmentState) }).nullable(),
  });

// Loose: the page's full record; the fields a client needs are named.
const assessmentDetail = z.looseObject({
  id,
  kind: z.enum(AssessmentKind),
  state: z.enum(AssessmentState),
  advances: z.enum(Advances).nullable(),
  results: z.enum(Results).nullable(),
  narrative: z.string(),
  version: z.number().int(),
  edition: z.number().int(),
  round: z.looseObject({ id, title: z.string(), status: z.enum(RoundStatus), periodStart: dateTime, periodEnd: dateTime }),
  citations: z.array(z.looseObject({ evidenceId: id, evidence: z.looseObject({ id, title: z.string() }) })),
  versions: z.array(z.strictObject({ id, edition: z.number().int(), state: z.enum(AssessmentState), publishedAt: dateTime.nullable(), createdAt: dateTime })),
  beside: z.array(z.looseObject({ id, kind: z.enum(AssessmentKind), comparison: z.looseObject({ flagged: z.boolean() }) })).describe("the self-assessments or independent verdict shown beside it"),
  mayEdit: z.boolean(),
  mayDecide: z.boolean(),
  mayAmend: z.boolean(),
});

const user = z.strictObject({
  id,
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(Role)),
  agency: z.strictObject({ id, code: z.string(), name: z.string() }).nullable(),
  active: z.boolean(),
  secondFactorEnrolled: z.boolean().describe("whether a TOTP second factor is set up"),
  version: z.number().int(),
  createdAt: dateTime,
});

const auditEvent = z.strictObject({
  id,
  at: dateTime,
  actor: named.extend({ id }).nullable().describe("null for changes made outside a signed-in request (the demo data)"),
  apiToken: named.extend({ id }).nullable().describe("the personal API token the change was made with; null for a browser session"),
  action: z.string().describe("what was done, e.g. milestone.status.update"),
  record: z.strictObject({ type: z.string().describe("e.g. Milestone, Evidence, Assessment"), id, title: z.string().nullable() }),
  requestId: z.string().nullable().describe("the id of the web request that made the change; events of one request share it"),
  before: z.record(z.string(), z.unknown()).nullable().describe("the record's values before the change, null for a new record"),
  after: z.record(z.string(), z.unknown()).nullable().describe("the record's values after the change"),
});

const apiToken = z.strictObject({
  id,
  name: z.string(),
  scope: z.enum(ApiTokenScope).describe("read: GET and HEAD only; write: every method"),
  prefix: z.string().describe("the token's visible start, to recognise it by"),
  state: z.enum(["active", "expired", "revoked"]),
  createdAt: dateTime,
  expiresAt: dateTime.describe("the token stops working at this time"),
  lastUsedAt: dateTime.nullable().describe("the last call made with it, to the minute; null if never used"),
  revokedAt: dateTime.nullable(),
});

const apiTokenCreated = apiToken.extend({
  token: z.string().describe("the token itself, in this answer only (it is stored hashed): send it as `Authorization: Bearer <token>`"),
});

const problem = z.strictObject({
  error: z.enum([
    "validation",
    "bad_request",
    "unauthenticated",
    "invalid_token",
    "forbidden",
    "read_only_token",
    "second_factor_enrolment_required",
    "not_found",
    "conflict",
    "payload_too_large",
    "too_many_attempts",
    "rate_limited",
    "unavailable",
    "internal",
  ]),
  message: z.string().describe("in English"),
  fields: z.record(z.string(), z.array(z.strictObject({ code: z.string(), message: z.string() }))).optional().describe("validation: the problems of each field"),
  current: z.unknown().optional().describe("conflict: where the record stands now"),
  retryAfterSeconds: z.number().int().min(1).optional().describe("rate_limited, too_many_attempts: seconds to wait (also the Retry-After header)"),
});

const notification = z.strictObject({
  id,
  kind: z.enum(NotificationKind),
  recordType: z.string().describe("what it is about: Milestone, AssessmentRound, Assessment, StatusUpdate or Evidence"),
  recordId: id,
  values: z.record(z.string(), z.union([z.string(), z.number()])).describe("what the kind's message says (titles, a comment, days as ISO dates), as it was when it was made"),
  link: z.string().describe("the page of the app it leads to, a path"),
  createdAt: dateTime,
  readAt: dateTime.nullable(),
});

const notificationPreference = z.strictObject({
  kind: z.enum(NotificationKind),
  delivery: z.enum(NotificationDelivery),
  isDefault: z.boolean().describe("no choice of yours: the design's default for the kind"),
});

const follow = z.strictObject({ targetType: z.enum(FollowTarget), targetId: id, following: z.boolean() });

const searchHit = z.strictObject({
  id,
  title: z.string().describe("the record's title; an assessment's is what it assesses: its commitment, or else its pillar's name. A plan text in the reader's language, or in English where it has no Spanish yet"),
  titleLang: z.enum(Locale).describe("the title's language"),
  snippet: z.string().describe("the start of its text (description, summary, narrative; an indicator's unit)"),
  snippetLang: z.enum(Locale).describe("the snippet's language: a plan text's as the title's, what a person wrote in the language they wrote it"),
  href: z.string().describe("its page in the app, a path (an indicator's card on the overview)"),
});
const searchGroup = <Kind extends string, Item extends z.ZodObject>(kind: Kind, item: Item) =>
  z.strictObject({ kind: z.literal(kind), total: count.describe("how many match in all"), items: z.array(item).max(searchResultsPerKind) });

const searchResults = z.strictObject({
  q: z.string().describe("the words searched, trimmed"),
  groups: z
    .array(
      z.union([
        searchGroup("milestones", searchHit),
        searchGroup("commitments", searchHit),
        searchGroup("evidence", searchHit.extend({ retracted: z.boolean() })),
        searchGroup("assessments", searchHit.extend({ assessmentKind: z.enum(AssessmentKind), state: z.enum(AssessmentState), round: z.string().describe("its round's title") })),
        searchGroup("indicators", searchHit),
      ]),
    )
    .describe("one group per kind, always in this order, each with its best-ranked matches"),
});

const health = z.strictObject({
  status: z.enum(["ok", "unavailable"]),
  database: z.enum(["reachable", "unreachable"]),
  detail: z
    .strictObject({
      build: z.string().nullable().describe("the id of the build being served"),
      migrationsPending: z.array(z.string()).nullable().describe("migrations the database has not applied; null when it does not answer"),
      databaseLatencyMs: z.number().nullable().describe("the time a trivial query took; null when the database does not answer"),
      jobQueue: z
        .strictObject({
          ready: z.number().int().describe("jobs due to run and not yet taken by a worker"),
          oldestReadySeconds: z.number().describe("how long the oldest of them has waited since it came due (the queue's lag)"),
        })
        .nullable()
        .describe("the job queue's backlog; null when the database does not answer"),
    })
    .optional()
    .describe("with `?detail=1`, for an admin's session or the metrics token only"),
});

/** What each list of the API answers, one row each: exported for the tests that hold the answers to it. */
export const answerSchemas = {
  Pillar: pillar,
  CommitmentSummary: commitmentSummary,
  MilestoneListItem: milestoneListItem,
  MilestoneDetail: milestoneDetail,
  StatusUpdateResult: statusUpdateResult,
  StatusUpdateListItem: statusUpdateListItem,
  Evidence: evidence,
  EvidenceListItem: evidenceListItem,
  EvidenceDetail: evidenceDetail,
  Retraction: retraction,
  Round: round,
  RoundListItem: roundListItem,
  Assessment: assessment,
  AssessmentListItem: assessmentListItem,
  AssessmentDetail: assessmentDetail,
  User: user,
  AuditEvent: auditEvent,
  ApiToken: apiToken,
  ApiTokenCreated: apiTokenCreated,
  Notification: notification,
  NotificationPreference: notificationPreference,
  Follow: follow,
  SearchResults: searchResults,
  Problem: problem,
  Health: health,
};

const requestSchemas = {
  StatusUpdateInput: statusUpdateInput,
  EvidenceInput: evidenceInput,
  RetractionInput: retractionInput,
  RoundInput: roundInput,
  AssessmentDraftInput: assessmentDraftInput,
  AssessmentEditInput: assessmentEditInput,
  AssessmentStepInput: assessmentStepInput,
  AssessmentReturnInput: assessmentReturnInput,
  UserCreateInput: userCreateInput,
  UserUpdateInput: userUpdateInput,
  UserSecondFactorResetInput: userSecondFactorResetInput,
  // The schema's bounds on the expiry day move with the clock; the document shows its fields.
  ApiTokenInput: apiTokenInput(new Date()),
  MarkReadInput: markReadInput,
  NotificationPreferencesInput: preferencesInput,
  FollowInput: followInput,
};

type AnswerName = keyof typeof answerSchemas;
type RequestName = keyof typeof requestSchemas;
type JsonSchema = Record<string, unknown>;

const ref = (name: AnswerName | RequestName): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

// ---------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------

type Method = "get" | "post" | "put" | "patch" | "delete";
type ErrorStatus = 400 | 403 | 404 | 409;

interface CsvExport {
  columns?: readonly string[];
  filename: string;
}

interface OperationSpec {
  operationId: string;
  summary: string;
  tag: string;
  description?: string;
  query?: z.ZodObject;
  queryDescriptions?: Record<string, string>;
  body?: RequestName;
  created?: boolean;
  answer?: JsonSchema;
  paged?: boolean;
  /** A paged list whose count stops at a cap (`moreThanTotal`). */
  countCapped?: boolean;
  csv?: CsvExport;
  errors: ErrorStatus[];
  public?: boolean;
}

const parameterDescriptions: Record<string, string> = {
  pillar: "pillar number (1–5) or code (P1…)",
  commitment: "commitment id",
  milestone: "milestone id",
  round: "round id",
  mine: "`true`: only yours (staff: milestones you own or of your agency's commitments; assessments and evidence: the ones you wrote or logged)",
  urgency: "`overdue`, `due_soon` (due within 14 days), `stale` (no status update for 90 days) or `rest`",
  overdueDays: "only milestones overdue for more than this many days",
  retracted: "`true`: only retracted records; `false`: only standing ones",
  q: "words searched in title and summary (PostgreSQL full-text, English and Spanish)",
  page: "page number, from 1 (JSON only: CSV holds every matching row)",
  from: "from this publication date",
  to: "up to this publication date",
};

function queryParameters(spec: OperationSpec): JsonSchema[] {
  if (!spec.query) return [];
  const schema = z.toJSONSchema(spec.query, { io: "input", override: withoutFormatPatterns }) as { properties?: Record<string, JsonSchema> };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: false,
    schema: property,
    ...((spec.queryDescriptions?.[name] ?? parameterDescriptions[name]) ? { description: spec.queryDescriptions?.[name] ?? parameterDescriptions[name] } : {}),
  }));
}

const formatParameter = {
  name: "format",
  in: "query",
  required: false,
  schema: { type: "string", enum: ["json", "csv"] },
  description: "`csv` answers CSV, `json` JSON; wins over the Accept header (`Accept: text/csv` asks for CSV)",
};

const idParameter = { name: "id", in: "path", required: true, schema: { type: "string" } };

function envelope(spec: OperationSpec): JsonSchema {
  const data = spec.answer ?? {};
  if (!spec.paged) return { type: "object", properties: { data }, required: ["data"] };
  const whole = { type: "integer", minimum: 0 };
  const capped = spec.countCapped
    ? {
        moreThanTotal: {
          type: "boolean",
          description: `\`true\`: more match than \`total\`, where counting stopped (at ${evidenceCountCap.toLocaleString("en")} matches, or at the page asked for when it lies further); \`pageCount\` then includes one page more`,
        },
      }
    : {};
  return {
    type: "object",
    properties: { data, total: whole, ...capped, page: { type: "integer", minimum: 1 }, pageSize: { type: "integer", minimum: 1 }, pageCount: { type: "integer", minimum: 1 } },
    required: ["data", "total", ...Object.keys(capped), "page", "pageSize", "pageCount"],
  };
}

function csvContent(csv: CsvExport) {
  const header = csv.columns ? `header row: ${csv.columns.join(",")}` : "one column per field of the JSON row";
  return {
    "text/csv": {
      schema: {
        type: "string",
        description: `UTF-8 with a byte-order mark; ${header}. Nested fields are flattened (commitment.id → commitmentId), arrays joined with ";", and a cell starting with =, +, -, @, tab or carriage return (or a full-width or small form of one, such as ＝) is prefixed with '.`,
      },
    },
  };
}

function operation(spec: OperationSpec, method: Method, inPath: boolean): JsonSchema {
  const ok = spec.created ? "201" : "200";
  const okAnswer = {
    description: spec.csv ? `${spec.summary}; as CSV when asked for (every matching row, streamed as a download \`${spec.csv.filename}-YYYY-MM-DD.csv\`)` : spec.summary,
    content: { "application/json": { schema: envelope(spec) }, ...(spec.csv ? csvContent(spec.csv) : {}) },
    ...(spec.csv ? { headers: { "Content-Disposition": { description: "CSV only: attachment; filename=…", schema: { type: "string" } } } } : {}),
  };
  const errorNames: Record<ErrorStatus | 401 | 415 | 429, string> = {
    400: "BadRequest",
    401: "Unauthenticated",
    403: "Forbidden",
    404: "NotFound",
    409: "Conflict",
    415: "UnsupportedMediaType",
    429: "TooManyRequests",
  };
  // Every write refuses what is not JSON (server/http.ts apiRoute).
  const errors = [...(spec.public ? [] : [401 as const, 429 as const]), ...spec.errors, ...(method === "get" ? [] : [415 as const])].sort();
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [spec.tag],
    ...(spec.public ? { security: [] } : {}),
    parameters: [...(inPath ? [idParameter] : []), ...queryParameters(spec), ...(spec.csv ? [formatParameter] : [])],
    ...(spec.body ? { requestBody: { required: true, content: { "application/json": { schema: ref(spec.body) } } } } : {}),
    responses: {
      [ok]: okAnswer,
      ...Object.fromEntries(errors.map((status) => [String(status), { $ref: `#/components/responses/${errorNames[status]}` }])),
    },
  };
}

interface ListSpec {
  operationId: string;
  summary: string;
  tag: string;
  row: AnswerName;
  query?: z.ZodObject;
  queryDescriptions?: Record<string, string>;
  columns?: readonly string[];
  paged?: boolean;
  countCapped?: boolean;
}

/** A list: JSON, or CSV named after it; 400 for a filter or a format it does not know. */
function listOperation(name: string, { row, columns, ...spec }: ListSpec): OperationSpec {
  return { ...spec, answer: { type: "array", items: ref(row) }, csv: { filename: name, columns }, errors: [400, 403] };
}

const paths: Record<string, Partial<Record<Method, OperationSpec>>> = {
  "/api/v1/pillars": {
    get: listOperation("pillars", {
      operationId: "listPillars",
      summary: "The five pillars' figures as of a day (today by default), computed from the status history, within lead party, agency and due-date filters",
      tag: "plan",
      row: "Pillar",
      query: rollupFilter,
    }),
  },
  "/api/v1/commitments": {
    get: listOperation("commitments", {
      operationId: "listCommitments",
      summary: "Commitments with lead party, agencies and milestone counts",
      tag: "plan",
      row: "CommitmentSummary",
      query: commitmentFilter,
      columns: commitmentCsvColumns,
    }),
  },
  "/api/v1/milestones": {
    get: listOperation("milestones", {
      operationId: "listMilestones",
      summary: "Live milestones with their urgency, most urgent first",
      tag: "plan",
      row: "MilestoneListItem",
      query: milestoneFilter,
      columns: milestoneCsvColumns,
    }),
  },
  "/api/v1/milestones/{id}": {
    get: { operationId: "getMilestone", summary: "One milestone with its full history, newest first", tag: "plan", answer: ref("MilestoneDetail"), errors: [400, 403, 404] },
  },
  "/api/v1/milestones/{id}/status-updates": {
    post: {
      operationId: "updateMilestoneStatus",
      summary: "Records a status update with its note",
      description:
        `A move to ${statusesNamingACause.join(" or ")} names its cause; completedOn only with ${MilestoneStatus.completed}. ` +
        "403 when the role or agency does not allow it; 409 when `version` is stale (with the update that won in `current`) or the milestone is archived.",
      tag: "status",
      body: "StatusUpdateInput",
      created: true,
      answer: ref("StatusUpdateResult"),
      errors: [400, 403, 404, 409],
    },
  },
  "/api/v1/status-updates": {
    get: listOperation("status-updates", {
      operationId: "listStatusUpdates",
      summary: "The status history of every milestone, newest first, 50 a page",
      tag: "status",
      row: "StatusUpdateListItem",
      query: statusUpdateFilter,
      queryDescriptions: { from: "from this day (UTC) of the update", to: "up to and including this day (UTC) of the update" },
      columns: statusUpdateCsvColumns,
      paged: true,
    }),
  },
  "/api/v1/audit-events": {
    get: listOperation("audit-events", {
      operationId: "listAuditEvents",
      summary: "The audit trail, newest first, 50 a page (admins); as CSV, every matching event with before and after as JSON text",
      tag: "audit",
      row: "AuditEvent",
      query: auditEventFilter,
      queryDescriptions: {
        actor: "the id of the person who made the change",
        recordType: "the type of the changed record (Milestone, Evidence…)",
        recordId: "the id of the changed record",
        action: "the action, e.g. milestone.status.update",
        from: "from this day (UTC) of the event",
        to: "up to and including this day (UTC) of the event",
      },
      columns: auditEventCsvColumns,
      paged: true,
    }),
  },
  "/api/v1/evidence": {
    get: listOperation("evidence", {
      operationId: "listEvidence",
      summary: "The evidence log, newest publication first, 50 a page; matches counted up to 1,000 (moreThanTotal)",
      tag: "evidence",
      row: "EvidenceListItem",
      query: evidenceFilter,
      columns: evidenceCsvColumns,
      paged: true,
      countCapped: true,
    }),
    post: {
      operationId: "logEvidence",
      summary: "Logs evidence",
      description: "Reviewers on any commitment; staff on milestones they own or of their agency's commitments (milestoneId required).",
      tag: "evidence",
      body: "EvidenceInput",
      created: true,
      answer: ref("Evidence"),
      errors: [400, 403],
    },
  },
  "/api/v1/evidence/{id}": {
    get: { operationId: "getEvidence", summary: "One piece of evidence, its retraction and the published assessments citing it", tag: "evidence", answer: ref("EvidenceDetail"), errors: [400, 403, 404] },
  },
  "/api/v1/evidence/{id}/retractions": {
    post: {
      operationId: "retractEvidence",
      summary: "Retracts evidence with a reason; the evidence itself is never edited or deleted",
      tag: "evidence",
      body: "RetractionInput",
      created: true,
      answer: ref("Retraction"),
      errors: [400, 403, 404, 409],
    },
  },
  "/api/v1/rounds": {
    get: listOperation("rounds", {
      operationId: "listRounds",
      summary: "Assessment rounds, newest period first, with how many assessments you can see in each state",
      tag: "assessments",
      row: "RoundListItem",
      columns: roundCsvColumns,
    }),
    post: { operationId: "openRound", summary: "Opens an assessment round (managers and admins)", tag: "assessments", body: "RoundInput", created: true, answer: ref("Round"), errors: [400, 403] },
  },
  "/api/v1/rounds/{id}": {
    get: { operationId: "getRound", summary: "One round", tag: "assessments", answer: ref("Round"), errors: [400, 403, 404] },
  },
  "/api/v1/rounds/{id}/close": {
    post: {
      operationId: "closeRound",
      summary: "Closes a round: it takes no new drafts, edits or submissions",
      description: "409 when it is already closed.",
      tag: "assessments",
      answer: ref("Round"),
      errors: [400, 403, 404, 409],
    },
  },
  "/api/v1/assessments": {
    get: listOperation("assessments", {
      operationId: "listAssessments",
      summary: "The assessments you can see: everything not in draft, and your own drafts",
      tag: "assessments",
      row: "AssessmentListItem",
      query: assessmentFilter,
      queryDescriptions: { pillar: "pillar id" },
      columns: assessmentCsvColumns,
    }),
    post: {
      operationId: "createAssessment",
      summary: "Starts a draft assessment",
      description:
        'Reviewers: `kind: "independent"` of a pillar (pillarId required, optionally one commitment); staff: `kind: "self_assessment"` of their agency\'s commitment (commitmentId required). 409 when you already have one of it in the round or the round is closed.',
      tag: "assessments",
      body: "AssessmentDraftInput",
      created: true,
      answer: ref("Assessment"),
      errors: [400, 403, 409],
    },
  },
  "/api/v1/assessments/{id}": {
    get: {
      operationId: "getAssessment",
      summary: "One assessment with its cited evidence, every version, the verdicts beside it and what you may do next",
      tag: "assessments",
      answer: ref("AssessmentDetail"),
      errors: [400, 403, 404],
    },
    patch: {
      operationId: "updateAssessment",
      summary: "Saves the author's draft (or returned assessment)",
      description: "409 when it is no longer editable, the round is closed or `version` is stale.",
      tag: "assessments",
      body: "AssessmentEditInput",
      answer: ref("Assessment"),
      errors: [400, 403, 404, 409],
    },
  },
  "/api/v1/assessments/{id}/submit": {
    post: {
      operationId: "submitAssessment",
      summary: "Submits the author's assessment",
      description:
        "Needs both ratings (results may be cannot_assess), a narrative and at least one cited piece of the pillar's evidence published by the period's end and not retracted; 400 names what is missing. Fields of the draft sent with it are saved first, in the same transaction: the assessment is submitted as sent, or nothing changes.",
      tag: "assessments",
      body: "AssessmentEditInput",
      answer: ref("Assessment"),
      errors: [400, 403, 404, 409],
    },
  },
  "/api/v1/assessments/{id}/publish": {
    post: {
      operationId: "publishAssessment",
      summary: "Publishes a submitted assessment (managers and admins, never on their own work)",
      tag: "assessments",
      body: "AssessmentStepInput",
      answer: ref("Assessment"),
      errors: [400, 403, 404, 409],
    },
  },
  "/api/v1/assessments/{id}/return": {
    post: {
      operationId: "returnAssessment",
      summary: "Returns a submitted assessment to its author with a comment",
      tag: "assessments",
      body: "AssessmentReturnInput",
      answer: ref("Assessment"),
      errors: [400, 403, 404, 409],
    },
  },
  "/api/v1/assessments/{id}/amend": {
    post: {
      operationId: "amendAssessment",
      summary: "Amends a published assessment: a new draft, the next edition, linked to the one it replaces",
      description: "Its author only, in an open round, once per version.",
      tag: "assessments",
      created: true,
      answer: ref("Assessment"),
      errors: [400, 403, 404, 409],
    },
  },
  "/api/v1/users": {
    get: listOperation("users", {
      operationId: "listUsers",
      summary: "Every account, active ones first, with roles, agency and whether a second factor is set up (admins)",
      tag: "users",
      row: "User",
      columns: userCsvColumns,
    }),
    post: {
      operationId: "createUser",
      summary: "Creates an account with an initial password (admins)",
      description: "The password: 12 to 128 characters, not a commonly used one. 400 when the email is already in use.",
      tag: "users",
      body: "UserCreateInput",
      created: true,
      answer: ref("User"),
      errors: [400, 403],
    },
  },
  "/api/v1/users/{id}": {
    patch: {
      operationId: "updateUser",
      summary: "Changes an account's name, roles or agency, or deactivates or reactivates it (admins)",
      description:
        "Only the fields given change; `agencyId: null` removes the agency. Deactivation also ends the account's sessions. 409 when `version` is stale or the change would leave no active admin.",
      tag: "users",
      body: "UserUpdateInput",
      answer: ref("User"),
      errors: [400, 403, 404, 409],
    },
  },
  "/api/v1/tokens": {
    get: {
      operationId: "listApiTokens",
      summary: "Your personal API tokens, newest first, whatever their state",
      tag: "tokens",
      answer: { type: "array", items: ref("ApiToken") },
      errors: [403],
    },
    post: {
      operationId: "createApiToken",
      summary: "Creates a personal API token; the answer holds the token itself, shown this once",
      description: `\`expiresOn\`: the day (UTC) the token stops working, from tomorrow up to ${apiTokenMaxDays} days from today. A request made with an API token cannot create one (403).`,
      tag: "tokens",
      body: "ApiTokenInput",
      created: true,
      answer: ref("ApiTokenCreated"),
      errors: [400, 403],
    },
  },
  "/api/v1/tokens/{id}/revoke": {
    post: {
      operationId: "revokeApiToken",
      summary: "Revokes a personal API token at once: your own, or anyone's for admins",
      description: "404 for anyone else's token; 409 when it is already revoked.",
      tag: "tokens",
      answer: ref("ApiToken"),
      errors: [400, 403, 404, 409],
    },
  },
  "/api/v1/search": {
    get: {
      operationId: "search",
      summary: `Milestones, commitments, evidence, assessments and indicators you may read that match the words, grouped by kind: the best-ranked ${searchResultsPerKind} of each, with how many match in all`,
      description:
        "PostgreSQL full-text search in English and Spanish (either language's word forms match). As the lists: live milestones and commitments only, every piece of evidence (retracted ones marked), assessments not in draft and your own drafts, every indicator. 400 when `q` is empty or longer than the field allows.",
      tag: "search",
      query: searchInput,
      queryDescriptions: { q: "the words: `\"a phrase\"` in quotation marks, `-word` to leave one out" },
      answer: ref("SearchResults"),
      errors: [400, 403],
    },
  },
  "/api/v1/notifications": {
    get: {
      operationId: "listNotifications",
      summary: "Your notifications, newest first, 30 a page",
      tag: "notifications",
      query: notificationFilter,
      queryDescriptions: { unread: "`true`: only the unread ones" },
      paged: true,
      answer: { type: "array", items: ref("Notification") },
      errors: [400, 403],
    },
  },
  "/api/v1/notifications/read": {
    post: {
      operationId: "markNotificationsRead",
      summary: "Marks your notifications read: `{ids}` those named (others' ids match nothing), or `{all: true}` every one",
      tag: "notifications",
      body: "MarkReadInput",
      answer: { type: "object", properties: { marked: { type: "integer", minimum: 0 } }, required: ["marked"] },
      errors: [400, 403],
    },
  },
  "/api/v1/notification-preferences": {
    get: {
      operationId: "getNotificationPreferences",
      summary: "How you are told of each kind of notification: app (in the app only), email (at once), digest (a daily email) or off",
      tag: "notifications",
      answer: { type: "array", items: ref("NotificationPreference") },
      errors: [403],
    },
    put: {
      operationId: "updateNotificationPreferences",
      summary: "Sets the delivery of the kinds given (`{round_opened: \"email\", …}`); the others keep theirs. Answers every kind",
      tag: "notifications",
      body: "NotificationPreferencesInput",
      answer: { type: "array", items: ref("NotificationPreference") },
      errors: [400, 403],
    },
  },
  "/api/v1/follows": {
    post: {
      operationId: "follow",
      summary: "Follows a pillar, commitment or milestone: you are told of its status updates, evidence and published assessments",
      description: "People follow what they own without asking (a milestone's owner; a commitment's owner and its agencies' staff). 404 when the record does not exist.",
      tag: "notifications",
      body: "FollowInput",
      answer: ref("Follow"),
      errors: [400, 403, 404],
    },
    delete: {
      operationId: "unfollow",
      summary: "Stops following a pillar, commitment or milestone, also one you follow as its owner (the body names it, as for POST)",
      tag: "notifications",
      body: "FollowInput",
      answer: ref("Follow"),
      errors: [400, 403, 404],
    },
  },
  "/api/v1/users/{id}/second-factor/reset": {
    post: {
      operationId: "resetUserSecondFactor",
      summary: "Removes the account's second factor and recovery codes, so that its owner sets one up again (admins)",
      description: "For a lost authenticator, or a secret the server's key can no longer read after a restore. 409 when `version` is stale.",
      tag: "users",
      body: "UserSecondFactorResetInput",
      answer: ref("User"),
      errors: [400, 403, 404, 409],
    },
  },
  "/api/v1/users/{id}/sessions/end": {
    post: {
      operationId: "endUserSessions",
      summary: "Ends every session of the account at its next request (admins)",
      tag: "users",
      answer: { type: "object", properties: { ended: { const: true } }, required: ["ended"] },
      errors: [400, 403, 404],
    },
  },
};

// ---------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------

// zod writes a regular expression beside each ISO format; the format says it.
function withoutFormatPatterns({ jsonSchema }: { jsonSchema: JsonSchema }): void {
  if (typeof jsonSchema.format === "string") delete jsonSchema.pattern;
}

function componentSchemas(schemas: Record<string, z.ZodType>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(schemas)) registry.add(schema, { id: name });
  const { schemas: generated } = z.toJSONSchema(registry, { io, uri: (name) => `#/components/schemas/${name}`, override: withoutFormatPatterns });
  return Object.fromEntries(Object.entries(generated).map(([name, { $id: _id, $schema: _schema, ...schema }]) => [name, schema]));
}

const errorAnswer = (description: string) => ({ description, content: { "application/json": { schema: ref("Problem") } } });

/** The OpenAPI 3.1 document of /api/v1 and /api/health. */
export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Four-Pillar Cooperation Tracker API",
      version: "1.0.0",
      description:
        "The JSON API of the tracker. Same session as the pages (sign in first), or a personal API token made on /profile, sent as `Authorization: Bearer <token>`; an anonymous call gets 401 JSON. Enumerations are lower snake case, field names camelCase, dates ISO 8601, ids opaque strings. Every list answers CSV as well (`?format=csv` or `Accept: text/csv`); errors are always JSON.",
    },
    servers: [{ url: "/" }],
    security: [{ session: [] }, { bearerAuth: [] }],
    tags: [
      { name: "plan", description: "pillars, commitments, milestones" },
      { name: "status", description: "status updates and their history" },
      { name: "evidence", description: "the evidence log" },
      { name: "assessments", description: "assessment rounds and assessments" },
      { name: "users", description: "user accounts (admins)" },
      { name: "tokens", description: "personal API tokens" },
      { name: "notifications", description: "your inbox, what you follow and how you are told" },
      { name: "search", description: "one search of everything you may read" },
      { name: "audit", description: "the audit trail (admins)" },
      { name: "meta", description: "health, metrics and this document" },
    ],
    paths: {
      "/api/health": {
        get: {
          operationId: "health",
          summary: "Whether the database answers (no session needed); with `?detail=1`, an admin or the metrics token also gets the build, pending migrations and database latency",
          tags: ["meta"],
          security: [],
          parameters: [{ name: "detail", in: "query", required: false, schema: { const: "1" } }],
          responses: {
            "200": { description: "the database answers", content: { "application/json": { schema: ref("Health") } } },
            "503": { description: "the database does not answer", content: { "application/json": { schema: ref("Health") } } },
          },
        },
      },
      "/api/metrics": {
        get: {
          operationId: "metrics",
          summary: "The server's metrics in Prometheus's text format: requests by route and status, the database pool, failed sign-ins, Node.js's own. Off (404) unless METRICS_TOKEN is set; then only with it as the bearer token, never with a session",
          tags: ["meta"],
          security: [{ metricsToken: [] }],
          responses: {
            "200": { description: "the metrics", content: { "text/plain": { schema: { type: "string" } } } },
            "401": errorAnswer("the metrics token is missing or wrong"),
            "404": errorAnswer("METRICS_TOKEN is not set: the metrics are off"),
          },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          operationId: "openApiDocument",
          summary: "This document (no session needed)",
          tags: ["meta"],
          security: [],
          responses: { "200": { description: "the OpenAPI 3.1 document", content: { "application/json": { schema: { type: "object" } } } } },
        },
      },
      "/api/v1/rounds/{id}/report.pdf": {
        get: {
          operationId: "getRoundReportPdf",
          summary: "The round's report as a PDF, in your language: the summary, then each pillar's verdict, narrative, cited evidence and milestone figures as of the period's end",
          tags: ["assessments"],
          parameters: [idParameter],
          responses: {
            "200": {
              description: "the report, as a download `round-report-<period end>-YYYY-MM-DD.pdf`",
              content: { "application/pdf": { schema: { type: "string", contentMediaType: "application/pdf" } } },
            },
            "400": { $ref: "#/components/responses/BadRequest" },
            "401": { $ref: "#/components/responses/Unauthenticated" },
            "403": { $ref: "#/components/responses/Forbidden" },
            "404": { $ref: "#/components/responses/NotFound" },
            "429": { $ref: "#/components/responses/TooManyRequests" },
          },
        },
      },
      ...Object.fromEntries(
        Object.entries(paths).map(([path, operations]) => [
          path,
          Object.fromEntries(Object.entries(operations).map(([method, spec]) => [method, operation(spec, method as Method, path.includes("{id}"))])),
        ]),
      ),
    },
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "the session cookie of a signed-in browser (__Secure-next-auth.session-token over HTTPS)" },
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description:
            "a personal API token (`fpt_…`, made on /profile or with POST /api/v1/tokens): acts as its person with the roles they have at each call, never beyond its scope (a read-only token gets 403 `read_only_token` on any method but GET and HEAD); an unknown, expired or revoked token, or one of a deactivated person, gets 401 `invalid_token`. Calls are limited per token and minute (429 `rate_limited` with Retry-After).",
        },
        metricsToken: { type: "http", scheme: "bearer", description: "the token METRICS_TOKEN sets" },
      },
      schemas: { ...componentSchemas(answerSchemas, "output"), ...componentSchemas(requestSchemas, "input") },
      responses: {
        BadRequest: errorAnswer(
          "a field error (`error: validation`, with a message per field in `fields`; a field the body should not have is named there with the code `unknownField`) or a request that cannot be done (`error: bad_request`)",
        ),
        Unauthenticated: errorAnswer("no session: sign in first (`error: unauthenticated`), or the API token is not valid (`error: invalid_token`)"),
        Forbidden: errorAnswer(
          "your role (or agency) does not allow it (`error: forbidden`), the API token is read-only (`error: read_only_token`), or your role requires a second factor you have not set up yet (`error: second_factor_enrolment_required`: set it up on /profile), or a write came from a page of another site: its `Origin` is not the tracker's, or `Sec-Fetch-Site` is `cross-site` (`error: cross_site`; scripts that send no `Origin` are taken)",
        ),
        UnsupportedMediaType: errorAnswer("a write whose body, or declared type, is not `application/json` (`error: unsupported_media_type`)"),
        NotFound: errorAnswer("no such record, or not one you can see"),
        Conflict: errorAnswer("the record changed or is in a state that does not allow it; `current` says where it stands"),
        TooManyRequests: {
          ...errorAnswer("too many calls with this API token this minute (`error: rate_limited`); wait `retryAfterSeconds`"),
          headers: { "Retry-After": { description: "seconds to wait", schema: { type: "integer" } } },
        },
      },
    },
  };
}
