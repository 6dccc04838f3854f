// Personal API tokens (server/api-tokens.ts): made, listed and revoked with
// their audit events; a bearer token on /api/v1 acting as its person with the
// roles they have now and never beyond its scope; refused when unknown,
// expired, revoked or of a deactivated person; counted against its rate
// limit; named in the audit trail. Every clock is injected.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { recordRefusedApiCall } from "../../server/access-refusals";
import { accountOfApiRequest, createApiToken, listActiveApiTokens, listMyApiTokens, revokeApiToken } from "../../server/api-tokens";
import { listAuditEvents } from "../../server/audit-trail";
import { db } from "../../server/db/client";
import { ApiTokenRejectedError, ConflictError, ForbiddenError, NotFoundError, ReadOnlyTokenError, TooManyRequestsError, ValidationError } from "../../server/errors";
import { errorResponse } from "../../server/http";
import { answerSchemas } from "../../server/openapi";
import type { Actor } from "../../server/permissions";
import { endUserSessions, updateUser } from "../../server/user-admin";
import { setPreferredLocale } from "../../server/users";
import { actorOf, createActor, createMilestone, createUser } from "../factories";
import { statementsOf } from "../statements";

process.env.NEXTAUTH_SECRET = "api-tokens-test-secret";
delete process.env.TOTP_REQUIRED_ROLES;
delete process.env.API_TOKEN_RATE_LIMIT_PER_MINUTE;

const now = new Date("2026-03-02T08:00:30Z");
const later = (seconds: number, from = now) => new Date(from.getTime() + seconds * 1000);

let admin: Actor;

beforeAll(async () => {
  admin = await createActor(["admin"]);
});

async function tokenOf(actor: Actor, input: { name?: string; scope?: "read" | "write"; expiresOn?: string } = {}) {
  return createApiToken(actor, { name: input.name ?? "Nightly export", scope: input.scope ?? "read", expiresOn: input.expiresOn ?? "2026-06-01" }, now);
}

/** A request to the API (or elsewhere) with the token as its bearer. */
function requestWith(token: string | null, { method = "GET", path = "/api/v1/pillars", scheme = "Bearer" } = {}) {
  return new Request(`http://tracker.test${path}`, { method, headers: token === null ? {} : { authorization: `${scheme} ${token}` } });
}

async function refusal(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => null,
    (error: unknown) => error,
  );
}

describe("making a token", () => {
  it("answers the token itself once and keeps only its SHA-256 and a visible prefix, audited", async () => {
    const reviewer = await createActor(["reviewer"]);
    const created = await tokenOf(reviewer, { name: "  Nightly export  ", scope: "write" });
    expect(created.token).toMatch(/^fpt_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(`${created.prefix}_`)).toBe(true);
    expect(created).toMatchObject({ name: "Nightly export", scope: "write", state: "active", expiresAt: "2026-06-01T00:00:00.000Z", lastUsedAt: null, revokedAt: null });

    const stored = await db().apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.tokenHash).toBe(createHash("sha256").update(created.token).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(created.token.slice(created.prefix.length + 1));

    const listed = await listMyApiTokens(reviewer, now);
    const { token: _shownOnce, ...item } = created;
    expect(listed).toEqual([item]);
    answerSchemas.ApiToken.parse(listed[0]);
    answerSchemas.ApiTokenCreated.parse(created);

    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "apiToken.create", entityId: created.id } });
    expect(event.actorId).toBe(reviewer.id);
    expect(event.after).toMatchObject({ name: "Nightly export", scope: "write", prefix: created.prefix, expiresAt: "2026-06-01T00:00:00.000Z" });
    expect(JSON.stringify(event)).not.toContain(created.token);
  });

  it("takes an expiry from tomorrow up to a year from today, and refuses others with a message for the field", async () => {
    const staff = await createActor(["staff"]);
    const expiryIssues = async (expiresOn: string) => {
      const error = await refusal(tokenOf(staff, { expiresOn }));
      return error instanceof ValidationError ? error.fieldErrors.expiresOn?.map((issue) => issue.code) : error;
    };
    // Today is 2026-03-02: the token lasts at most 365 days.
    expect(await expiryIssues("2027-03-03")).toEqual(["expiryTooLate"]);
    expect(await expiryIssues("2030-01-01")).toEqual(["expiryTooLate"]);
    expect(await expiryIssues("2026-03-02")).toEqual(["expiryNotAfterToday"]);
    expect(await expiryIssues("2025-12-31")).toEqual(["expiryNotAfterToday"]);
    expect(await expiryIssues("next year")).toEqual(["invalidDate"]);
    expect((await tokenOf(staff, { expiresOn: "2027-03-02" })).expiresAt).toBe("2027-03-02T00:00:00.000Z");
    expect((await tokenOf(staff, { expiresOn: "2026-03-03" })).expiresAt).toBe("2026-03-03T00:00:00.000Z");
  });

  it("needs a name of 1 to 100 characters and a scope of read or write", async () => {
    const staff = await createActor(["staff"]);
    const error = await refusal(createApiToken(staff, { name: " ", scope: "admin", expiresOn: "" }, now));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({
      name: [{ code: "required" }],
      scope: [{ code: "invalidChoice" }],
      expiresOn: [{ code: "invalidDate" }],
    });
    const long = await refusal(tokenOf(staff, { name: "x".repeat(101) }));
    expect((long as ValidationError).fieldErrors.name).toEqual([{ code: "tooLong", values: { maximum: 100 } }]);
    expect(await db().apiToken.count({ where: { userId: staff.id } })).toBe(0);
  });

  it("is refused to a request made with a token, so that a leaked token cannot outlive its revocation through another", async () => {
    const staff = await createActor(["staff"]);
    const { token } = await tokenOf(staff, { scope: "write" });
    const account = await accountOfApiRequest(requestWith(token, { method: "POST", path: "/api/v1/tokens" }), now);
    expect(await refusal(tokenOf(account!.actor))).toBeInstanceOf(ForbiddenError);
    expect(await db().apiToken.count({ where: { userId: staff.id } })).toBe(1);
  });
});

describe("listing and revoking tokens", () => {
  it("lists one's own tokens newest first with their state; admins list everyone's tokens that still work, others may not", async () => {
    const reviewer = await createActor(["reviewer"]);
    const older = await createApiToken(reviewer, { name: "Older", scope: "read", expiresOn: "2026-03-03" }, later(-3600));
    const newer = await tokenOf(reviewer, { name: "Newer" });
    const revoked = await tokenOf(reviewer, { name: "Revoked" });
    await revokeApiToken(reviewer, revoked.id, now);
    const dayAfter = later(24 * 3600);
    expect((await listMyApiTokens(reviewer, dayAfter)).map((token) => [token.name, token.state])).toEqual([
      ["Revoked", "revoked"],
      ["Newer", "active"],
      ["Older", "expired"],
    ]);

    const everyone = await listActiveApiTokens(admin, dayAfter);
    expect(everyone.filter((token) => token.owner.id === reviewer.id).map((token) => token.id)).toEqual([newer.id]);
    expect(everyone.map((token) => token.id)).not.toContain(older.id);
    expect(await refusal(listActiveApiTokens(reviewer, now))).toBeInstanceOf(ForbiddenError);
  });

  it("revokes one's own token, never someone else's (not found), and admins anyone's; each revocation audited, a second one a conflict", async () => {
    const owner = await createActor(["staff"]);
    const other = await createActor(["manager"]);
    const own = await tokenOf(owner);
    expect(await refusal(revokeApiToken(other, own.id, now))).toBeInstanceOf(NotFoundError);
    expect((await revokeApiToken(owner, own.id, later(5))).state).toBe("revoked");
    expect(await refusal(revokeApiToken(owner, own.id, later(6)))).toBeInstanceOf(ConflictError);

    const another = await tokenOf(owner, { name: "CI status" });
    expect((await revokeApiToken(admin, another.id, later(7))).revokedAt).toBe(later(7).toISOString());
    const stored = await db().apiToken.findUniqueOrThrow({ where: { id: another.id } });
    expect(stored.revokedById).toBe(admin.id);
    const events = await db().auditEvent.findMany({ where: { action: "apiToken.revoke", entityId: { in: [own.id, another.id] } }, orderBy: { at: "asc" } });
    expect(events.map((event) => [event.entityId, event.actorId])).toEqual([
      [own.id, owner.id],
      [another.id, admin.id],
    ]);
    expect(await refusal(revokeApiToken(owner, "no-such-token", now))).toBeInstanceOf(NotFoundError);
  });
});

describe("a request with a bearer token", () => {
  it("acts as the token's person with the roles they have at the time of the call, carrying the token", async () => {
    const person = await createUser({ roles: ["reviewer"] });
    const { token, id } = await tokenOf(actorOf(person));
    const first = await accountOfApiRequest(requestWith(token), now);
    expect(first?.actor).toMatchObject({ id: person.id, roles: ["reviewer"], via: { tokenId: id, tokenName: "Nightly export", scope: "read" } });

    await db().user.update({ where: { id: person.id }, data: { roles: ["staff"] } });
    expect((await accountOfApiRequest(requestWith(token), later(1)))?.actor.roles).toEqual(["staff"]);
  });

  it("finds the token, counts the call and reads its person in one statement: each round trip is paid again by every call", async () => {
    const person = await createUser({ roles: ["staff"] });
    const { token } = await tokenOf(actorOf(person));
    let account: Awaited<ReturnType<typeof accountOfApiRequest>> = null;
    const statements = await statementsOf(async () => (account = await accountOfApiRequest(requestWith(token), now)));
    expect(statements, statements.join("\n")).toHaveLength(1);
    expect(account).toMatchObject({ actor: { id: person.id, name: person.name, email: person.email, roles: ["staff"] }, secondFactorEnrolled: false, mustEnrolSecondFactor: false });
  });

  it("is not looked at outside /api/v1, nor when the request has no bearer token: the session cookie decides there", async () => {
    const person = await createActor(["reviewer"]);
    const { token } = await tokenOf(person);
    expect(await accountOfApiRequest(requestWith(token, { path: "/profile" }), now)).toBeNull();
    expect(await accountOfApiRequest(requestWith(token, { method: "POST", path: "/admin/users" }), now)).toBeNull();
    expect(await accountOfApiRequest(requestWith(null), now)).toBeNull();
    expect(await accountOfApiRequest(requestWith(token, { scheme: "Basic" }), now)).toBeNull();
    expect(await accountOfApiRequest(null, now)).toBeNull();
  });

  it("refuses any method but GET and HEAD to a read-only token (403 read_only_token), not to a read-write one", async () => {
    const person = await createActor(["staff"]);
    const readOnly = await tokenOf(person, { scope: "read" });
    const readWrite = await tokenOf(person, { scope: "write", name: "Status feed" });
    for (const method of ["GET", "HEAD"]) expect((await accountOfApiRequest(requestWith(readOnly.token, { method }), now))?.actor.id).toBe(person.id);
    for (const method of ["POST", "PATCH", "PUT", "DELETE"]) {
      const error = await refusal(accountOfApiRequest(requestWith(readOnly.token, { method }), now));
      expect(error, method).toBeInstanceOf(ReadOnlyTokenError);
      expect((error as ReadOnlyTokenError).via?.tokenId).toBe(readOnly.id);
      const answer = errorResponse(error);
      expect(answer.status).toBe(403);
      expect(await answer.json()).toMatchObject({ error: "read_only_token" });
    }
    expect((await accountOfApiRequest(requestWith(readWrite.token, { method: "POST" }), now))?.actor.via?.scope).toBe("write");
  });

  it("is refused (401 invalid_token) when malformed, unknown, expired, revoked or of a deactivated person, never passed over for the cookie", async () => {
    const person = await createUser({ roles: ["reviewer"] });
    const actor = actorOf(person);
    const expiring = await createApiToken(actor, { name: "Short", scope: "read", expiresOn: "2026-03-03" }, now);
    const revoked = await tokenOf(actor, { name: "Revoked" });
    await revokeApiToken(actor, revoked.id, now);
    const kept = await tokenOf(actor, { name: "Kept" });
    const unknown = `${kept.prefix}_${"A".repeat(43)}`;
    const midnight = new Date("2026-03-03T00:00:00Z");
    expect((await accountOfApiRequest(requestWith(expiring.token), later(-1, midnight)))?.actor.id).toBe(person.id);
    for (const [what, request, at] of [
      ["malformed", requestWith("not-a-token"), now],
      ["unknown", requestWith(unknown), now],
      ["expired", requestWith(expiring.token), midnight],
      ["revoked", requestWith(revoked.token), now],
    ] as const) {
      const error = await refusal(accountOfApiRequest(request, at));
      expect(error, what).toBeInstanceOf(ApiTokenRejectedError);
      const answer = errorResponse(error);
      expect(answer.status, what).toBe(401);
      expect(answer.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
      expect(await answer.json()).toMatchObject({ error: "invalid_token" });
    }

    await updateUser(admin, person.id, { version: person.version, active: false });
    expect(await refusal(accountOfApiRequest(requestWith(kept.token), later(2)))).toBeInstanceOf(ApiTokenRejectedError);
  });

  it("outlasts the end of the person's sessions, which does not end tokens", async () => {
    const person = await createActor(["reviewer"]);
    const { token } = await tokenOf(person);
    await endUserSessions(admin, person.id);
    expect((await accountOfApiRequest(requestWith(token), later(1)))?.actor.id).toBe(person.id);
  });

  it("is refused 429 with Retry-After past the calls a token may make in a minute, and the next minute starts afresh, each token on its own", async () => {
    const person = await createActor(["reviewer"]);
    const busy = await tokenOf(person, { name: "Busy" });
    const calm = await tokenOf(person, { name: "Calm" });
    const limit = 3;
    for (let call = 0; call < limit; call++) expect(await accountOfApiRequest(requestWith(busy.token), later(call), limit)).not.toBeNull();
    const error = await refusal(accountOfApiRequest(requestWith(busy.token), later(10), limit));
    expect(error).toBeInstanceOf(TooManyRequestsError);
    // The window is the minute 08:00:00–08:01:00; the refused call came at 08:00:40.
    expect((error as TooManyRequestsError).retryAfterSeconds).toBe(20);
    const answer = errorResponse(error);
    expect(answer.status).toBe(429);
    expect(answer.headers.get("retry-after")).toBe("20");
    expect(await answer.json()).toMatchObject({ error: "rate_limited", retryAfterSeconds: 20 });

    expect(await accountOfApiRequest(requestWith(calm.token), later(11), limit)).not.toBeNull();
    expect(await accountOfApiRequest(requestWith(busy.token), new Date("2026-03-02T08:01:00Z"), limit)).not.toBeNull();
  });

  it("records its last use at most once a minute, not on every call", async () => {
    const person = await createActor(["reviewer"]);
    const { token, id } = await tokenOf(person);
    const lastUsed = async () => (await db().apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt?.toISOString();
    await accountOfApiRequest(requestWith(token), now);
    expect(await lastUsed()).toBe(now.toISOString());
    await accountOfApiRequest(requestWith(token), later(59));
    expect(await lastUsed()).toBe(now.toISOString());
    await accountOfApiRequest(requestWith(token), later(60));
    expect(await lastUsed()).toBe(later(60).toISOString());
    expect((await listMyApiTokens(person, later(61)))[0]?.lastUsedAt).toBe(later(60).toISOString());
  });
});

describe("the audit trail of a token's calls", () => {
  it("names the token of each change made with it, and of each refusal, under its person", async () => {
    const person = await createActor(["staff"]);
    const { token, id } = await tokenOf(person, { name: "Language sync", scope: "write" });
    const account = await accountOfApiRequest(requestWith(token, { method: "POST" }), now);
    await setPreferredLocale(account!.actor, { locale: "es" });
    const readOnly = await tokenOf(person, { name: "Reader" });
    const request = requestWith(readOnly.token, { method: "POST", path: `/api/v1/milestones/${(await createMilestone()).id}/status-updates` });
    await recordRefusedApiCall(request, await refusal(accountOfApiRequest(request, now)));

    const { items } = await listAuditEvents(admin, { actor: person.id });
    const change = items.find((event) => event.action === "user.locale.update");
    expect(change?.actor?.id).toBe(person.id);
    expect(change?.apiToken).toEqual({ id, name: "Language sync" });
    const refused = items.find((event) => event.action === "access.refuse");
    expect(refused?.apiToken).toEqual({ id: readOnly.id, name: "Reader" });
    for (const event of items) answerSchemas.AuditEvent.parse(event);
    // Changes made in a browser session name no token.
    expect(items.find((event) => event.action === "apiToken.create")?.apiToken).toBeNull();
  });
});

describe("the JSON API's routes with a bearer token", () => {
  it("records a status update under the token's person and name; a read-only token is refused it, a revoked one answered 401", async () => {
    const { POST } = await import("../../app/api/v1/milestones/[id]/status-updates/route");
    const staff = await createActor(["staff"]);
    const milestone = await createMilestone({ ownerId: staff.id });
    const writer = await createApiToken(staff, { name: "Status feed", scope: "write", expiresOn: "2099-01-01" }, new Date("2098-06-01T00:00:00Z"));
    const reader = await createApiToken(staff, { name: "Reader", scope: "read", expiresOn: "2099-01-01" }, new Date("2098-06-01T00:00:00Z"));
    const post = (token: string, version: number) =>
      POST(
        new Request(`http://tracker.test/api/v1/milestones/${milestone.id}/status-updates`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ status: "in_progress", note: "Posted by the status feed.", version }),
        }),
        { params: Promise.resolve({ id: milestone.id }) },
      );

    const refused = await post(reader.token, 1);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: "read_only_token" });

    const created = await post(writer.token, 1);
    expect(created.status).toBe(201);
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "milestone.status.update", entityId: milestone.id } });
    expect([event.actorId, event.apiTokenId]).toEqual([staff.id, writer.id]);

    await revokeApiToken(staff, writer.id);
    const afterRevocation = await post(writer.token, 2);
    expect(afterRevocation.status).toBe(401);
    expect(await afterRevocation.json()).toMatchObject({ error: "invalid_token" });
  });
});
