// Refused access attempts in the audit trail, through the API's error answers
// (server/http.ts apiRoute), which name the route from the request. Handlers
// here are the routes' own with the actor given, as no session cookie exists
// outside a web request.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "../../server/audit-trail";
import { db, disconnectDb } from "../../server/db/client";
import { SecondFactorEnrolmentRequiredError, UnauthenticatedError } from "../../server/errors";
import { apiRoute, json, readJson } from "../../server/http";
import type { Actor } from "../../server/permissions";
import { updateMilestoneStatus } from "../../server/status-updates";
import { actorOf, createActor, createAgency, createCommitment, createMilestone, createUser } from "../factories";

type Params = { params: Promise<{ id: string }> };

/** POST /api/v1/milestones/{id}/status-updates as `actor`. */
const postStatusUpdate = (actor: Actor) =>
  apiRoute(async (request: Request, { params }: Params) => json({ data: await updateMilestoneStatus(actor, (await params).id, await readJson(request)) }, 201));

/** GET /api/v1/audit-events as `actor`. */
const getAuditEvents = (actor: Actor) => apiRoute(async () => json(await listAuditEvents(actor, {})));

const request = (method: string, path: string, body?: unknown) =>
  new Request(`http://tracker.test${path}?ignored=query`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }) });

const refusalsOf = (actor: Actor) => db().auditEvent.findMany({ where: { action: "access.refuse", actorId: actor.id } });

let staff: Actor;
let otherAgencyMilestone: { id: string; version: number };

beforeAll(async () => {
  staff = actorOf(await createUser({ roles: ["staff"], agencyId: (await createAgency()).id }));
  const otherAgencyId = (await createAgency()).id;
  const commitment = await createCommitment({ agencyIds: [otherAgencyId] });
  otherAgencyMilestone = await createMilestone({ commitmentId: commitment.id, ownerId: (await createUser({ roles: ["staff"], agencyId: otherAgencyId })).id });
});

describe("a refused API call", () => {
  it("of a row's rule (staff updating another agency's milestone) answers 403 and leaves one access.refuse event naming actor, route and permission, and nothing else", async () => {
    const { id, version } = otherAgencyMilestone;
    const [eventsBefore, updatesBefore] = await Promise.all([db().auditEvent.count(), db().statusUpdate.count()]);
    const response = await postStatusUpdate(staff)(request("POST", `/api/v1/milestones/${id}/status-updates`, { status: "in_progress", note: "Started.", version }), {
      params: Promise.resolve({ id }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: "forbidden" });
    expect(await refusalsOf(staff)).toEqual([
      expect.objectContaining({
        actorId: staff.id,
        action: "access.refuse",
        entityType: "Route",
        entityId: `POST /api/v1/milestones/${id}/status-updates`,
        before: null,
        after: { permission: "milestone.updateStatus" },
        requestId: null,
      }),
    ]);
    expect(await db().auditEvent.count()).toBe(eventsBefore + 1);
    expect(await db().statusUpdate.count()).toBe(updatesBefore);
    expect(await db().milestone.findUniqueOrThrow({ where: { id }, select: { status: true, version: true } })).toEqual({ status: "not_started", version });
  });

  it("of a role's permission names that permission", async () => {
    const manager = await createActor(["manager"]);
    const response = await getAuditEvents(manager)(request("GET", "/api/v1/audit-events"), undefined);
    expect(response.status).toBe(403);
    expect(await refusalsOf(manager)).toEqual([expect.objectContaining({ entityId: "GET /api/v1/audit-events", after: { permission: "audit.read" } })]);
  });

  it("is not recorded for the second-factor enrolment hold or an anonymous caller, neither of which a rule refused", async () => {
    const eventsBefore = await db().auditEvent.count();
    const hold = await apiRoute(async () => {
      throw new SecondFactorEnrolmentRequiredError();
    })(request("GET", "/api/v1/pillars"), undefined);
    expect(hold.status).toBe(403);
    expect(await hold.json()).toMatchObject({ error: "second_factor_enrolment_required" });
    const anonymous = await apiRoute(async () => {
      throw new UnauthenticatedError();
    })(request("GET", "/api/v1/pillars"), undefined);
    expect(anonymous.status).toBe(401);
    expect(await db().auditEvent.count()).toBe(eventsBefore);
  });
});

describe("a refusal while the database cannot be reached", () => {
  const reachableUrl = process.env.DATABASE_URL!;

  afterEach(async () => {
    await disconnectDb();
    process.env.DATABASE_URL = reachableUrl;
  });

  it("still answers 403: its record is lost, not the answer", async () => {
    const manager = await createActor(["manager"]);
    await disconnectDb();
    const url = new URL(reachableUrl);
    url.port = "1";
    process.env.DATABASE_URL = url.toString();
    const response = await getAuditEvents(manager)(request("GET", "/api/v1/audit-events"), undefined);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: "forbidden" });
  });
});
