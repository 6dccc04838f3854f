// The audit trail: what the writes record, and how admins (only) read it —
// paged and filtered in SQL, exported whole in batches, changes made readable.
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { auditChanges, auditEventCsvColumns, auditFilterChoices, listAuditEvents, streamAuditEvents, type AuditEventListItem } from "../../server/audit-trail";
import { csvResponse } from "../../server/csv";
import { db } from "../../server/db/client";
import { ForbiddenError, ValidationError } from "../../server/errors";
import { answerSchemas } from "../../server/openapi";
import type { Actor } from "../../server/permissions";
import { updateMilestoneStatus } from "../../server/status-updates";
import { actorOf, createActor, createMilestone, createUser } from "../factories";

let admin: Actor;
let staff: Actor;
let milestoneId: string;
let otherMilestoneId: string;

async function collect<Row>(rows: AsyncIterable<Row>): Promise<Row[]> {
  const all: Row[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

beforeAll(async () => {
  admin = await createActor(["admin"]);
  staff = actorOf(await createUser({ roles: ["staff"] }));
  const milestone = await createMilestone({ ownerId: staff.id });
  milestoneId = milestone.id;
  otherMilestoneId = (await createMilestone({ ownerId: staff.id })).id;
  await updateMilestoneStatus(staff, milestoneId, { status: "in_progress", note: "Work began", version: 1 });
  await updateMilestoneStatus(staff, milestoneId, { status: "at_risk", note: "Funding gap", cause: "funding", version: 2 });
  await updateMilestoneStatus(staff, otherMilestoneId, { status: "in_progress", note: "Started too", version: 1 });
  // Events on known days, for the date filters.
  for (const [day, action] of [
    ["2024-03-09", "test.dated"],
    ["2024-03-10", "test.dated"],
    ["2024-03-11", "test.dated"],
  ] as const) {
    await db().auditEvent.create({ data: { at: new Date(`${day}T23:30:00Z`), actorId: admin.id, action, entityType: "Milestone", entityId: otherMilestoneId } });
  }
});

describe("audit events of writes", () => {
  it("records who changed which record, with the values before and after, and no request id outside a web request", async () => {
    const { items } = await listAuditEvents(admin, { recordType: "Milestone", recordId: milestoneId });
    expect(items.map((event) => event.action)).toEqual(["milestone.status.update", "milestone.status.update"]);
    expect(items[0]).toMatchObject({
      actor: { id: staff.id, name: staff.name },
      record: { type: "Milestone", id: milestoneId },
      before: { status: "in_progress", version: 2 },
      after: { status: "at_risk", version: 3, cause: "funding" },
      requestId: null,
    });
    expect(items[0]!.record.title).toMatch(/^Milestone /);
  });
});

describe("the audit trail", () => {
  it("is refused to every role but admin", async () => {
    for (const roles of [["manager"], ["reviewer"], ["staff"]] as const) {
      const actor = await createActor([...roles]);
      await expect(listAuditEvents(actor, {})).rejects.toThrow(ForbiddenError);
      expect(() => streamAuditEvents(actor, {})).toThrow(ForbiddenError);
    }
  });

  it("lists events newest first, paged in the database", async () => {
    const all = await listAuditEvents(admin, {}, { pageSize: 1000 });
    const times = all.items.map((event) => event.at);
    expect(times).toEqual([...times].sort().reverse());
    const second = await listAuditEvents(admin, { page: "2" }, { pageSize: 2 });
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: all.total, pageCount: Math.ceil(all.total / 2) });
    expect(second.items.map((event) => event.id)).toEqual(all.items.slice(2, 4).map((event) => event.id));
  });

  it("filters by actor, record, action and UTC days", async () => {
    const byStaff = await listAuditEvents(admin, { actor: staff.id });
    expect(byStaff.items.map((event) => event.record.id).sort()).toEqual([milestoneId, milestoneId, otherMilestoneId].sort());
    const other = await listAuditEvents(admin, { recordType: "Milestone", recordId: otherMilestoneId, action: "milestone.status.update" });
    expect(other.items).toHaveLength(1);
    const days = await listAuditEvents(admin, { action: "test.dated", from: "2024-03-10", to: "2024-03-10" });
    expect(days.items.map((event) => event.at)).toEqual(["2024-03-10T23:30:00.000Z"]);
    expect((await listAuditEvents(admin, { recordType: "Evidence", recordId: milestoneId })).total).toBe(0);
  });

  it("offers as filter choices the people, record types and actions of the trail, each once and in order, to admins only", async () => {
    const { items } = await listAuditEvents(admin, {}, { pageSize: 1000 });
    const choices = await auditFilterChoices(admin);
    expect(choices.recordTypes).toEqual([...new Set(items.map((event) => event.record.type))].sort());
    expect(choices.actions).toEqual([...new Set(items.map((event) => event.action))].sort());
    expect(choices.actions).toEqual(expect.arrayContaining(["milestone.status.update", "test.dated"]));
    expect(choices.actors.map((person) => person.id).sort()).toEqual([...new Set(items.flatMap((event) => (event.actor ? [event.actor.id] : [])))].sort());
    await expect(auditFilterChoices(staff)).rejects.toThrow(ForbiddenError);
  });

  it("refuses malformed filters with a message per field", async () => {
    await expect(listAuditEvents(admin, { from: "2024-02-30", recordType: "Mile stone;" })).rejects.toSatisfy(
      (error) => error instanceof ValidationError && Object.keys(error.fieldErrors).sort().join() === "from,recordType",
    );
  });

  it("answers events in the shape the OpenAPI document gives", async () => {
    const { items } = await listAuditEvents(admin, {});
    for (const event of items) answerSchemas.AuditEvent.parse(event);
  });

  it("exports every matching event once across small batches, in the pages' order, with before and after as JSON", async () => {
    const { items } = await listAuditEvents(admin, {}, { pageSize: 1000 });
    const exported = await collect(streamAuditEvents(admin, {}, { batchSize: 2 }));
    expect(exported.map((event) => event.id)).toEqual(items.map((event) => event.id));

    const response = await csvResponse("audit-events", streamAuditEvents(admin, { recordId: milestoneId }, { batchSize: 1 }), auditEventCsvColumns);
    const [header, ...rows] = parse(Buffer.from(await response.arrayBuffer()), { bom: true });
    expect(header).toEqual([...auditEventCsvColumns]);
    const cell = (row: string[], column: (typeof auditEventCsvColumns)[number]) => row[auditEventCsvColumns.indexOf(column)];
    expect(rows).toHaveLength(2);
    expect(JSON.parse(cell(rows[0]!, "after")!)).toMatchObject({ status: "at_risk", cause: "funding" });
    expect(cell(rows[0]!, "actorName")).toBe(staff.name);
  });
});

describe("changes of an event", () => {
  const event = (before: AuditEventListItem["before"], after: AuditEventListItem["after"]) => auditChanges(before, after);

  it("lists the fields the change wrote that differ, each with its value before and after as text", () => {
    const before = { status: "in_progress", version: 2, note: "same", createdAt: "2024-01-01T00:00:00.000Z" };
    expect(event(before, { status: "at_risk", version: 3, note: "same", cause: "funding" })).toEqual([
      { field: "status", before: "in_progress", after: "at_risk" },
      { field: "version", before: "2", after: "3" },
      { field: "cause", before: null, after: "funding" },
    ]);
  });

  it("lists every field of a new record, and nested values as JSON text", () => {
    expect(event(null, { title: "<b>New</b>", agencies: ["US-INL", "MX-FGR"] })).toEqual([
      { field: "title", before: null, after: "<b>New</b>" },
      { field: "agencies", before: null, after: '["US-INL","MX-FGR"]' },
    ]);
  });
});
