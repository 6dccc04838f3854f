import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../server/errors";
import { closeRound, getRound, listRounds, openRound } from "../../server/rounds";
import { createActor } from "../factories";

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

describe("assessment rounds", () => {
  it("are opened by managers and admins, with their audit event", async () => {
    for (const roles of [["manager"], ["admin"]] as const) {
      const actor = await createActor([...roles]);
      const round = await openRound(actor, { title: "April 2011 two-year review", periodStart: "2008-12-01", periodEnd: "2011-03-31" });
      expect(round).toMatchObject({ status: "open", periodStart: "2008-12-01", periodEnd: "2011-03-31", closedAt: null });
      expect(await db().auditEvent.count({ where: { entityId: round.id, action: "round.open", actorId: actor.id } })).toBe(1);
    }
  });

  it("are refused to reviewers and staff, for opening and for closing", async () => {
    const round = await openRound(await createActor(["manager"]), { title: "Round", periodStart: "2020-01-01", periodEnd: "2020-12-31" });
    for (const roles of [["reviewer"], ["staff"]] as const) {
      const actor = await createActor([...roles]);
      expect(await failure(openRound(actor, { title: "Mine", periodStart: "2020-01-01", periodEnd: "2020-12-31" }))).toBeInstanceOf(ForbiddenError);
      expect(await failure(closeRound(actor, round.id))).toBeInstanceOf(ForbiddenError);
    }
    expect((await getRound(await createActor(["staff"]), round.id)).status).toBe("open");
  });

  it("refuse a bad period or title per field and write nothing", async () => {
    const manager = await createActor(["manager"]);
    const cases: [Record<string, unknown>, string][] = [
      [{ title: " " }, "title"],
      [{ title: "x".repeat(201) }, "title"],
      [{ periodStart: "2020-02-30" }, "periodStart"],
      [{ periodEnd: "2019-12-31" }, "periodEnd"],
      [{ periodEnd: undefined }, "periodEnd"],
    ];
    for (const [change, field] of cases) {
      const error = await failure(openRound(manager, { title: "Round", periodStart: "2020-01-01", periodEnd: "2020-12-31", ...change }));
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors)).toContain(field);
    }
    expect(await db().assessmentRound.count({ where: { openedById: manager.id } })).toBe(0);
  });

  it("close once; closing again is a conflict and an unknown round is not found", async () => {
    const manager = await createActor(["manager"]);
    const round = await openRound(manager, { title: "Round", periodStart: "2020-01-01", periodEnd: "2020-12-31" });
    const closed = await closeRound(manager, round.id);
    expect(closed.status).toBe("closed");
    expect(closed.closedAt).not.toBeNull();
    expect(await failure(closeRound(manager, round.id))).toBeInstanceOf(ConflictError);
    expect(await failure(closeRound(manager, "no-such-round"))).toBeInstanceOf(NotFoundError);
    const listed = await listRounds(await createActor(["reviewer"]));
    expect(listed.find((row) => row.id === round.id)).toMatchObject({ status: "closed", assessments: {} });
  });
});
