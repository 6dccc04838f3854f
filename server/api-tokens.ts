import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "./audit";
import { db } from "./db/client";
import { ApiTokenScope } from "./db/generated/enums";
import { queryRows, rawRow } from "./db/raw-rows";
import { positiveSetting } from "./env";
import { ApiTokenRejectedError, ConflictError, ForbiddenError, NotFoundError, ReadOnlyTokenError, TooManyRequestsError } from "./errors";
import { can, ensure, type Actor } from "./permissions";
import { accountColumns, accountOf, type Account } from "./users";
import { calendarDate, dateOnly, isoDate, parseInput, recordId } from "./validation";

// Personal API tokens: scripts call /api/v1 with `Authorization: Bearer
// <token>` and act as the token's person, with the roles the person has at the
// time of each call and never more than the token's scope. A token is shown
// once, when made; only its SHA-256 is kept (a token is 32 random bytes, so a
// fast hash is safe, and it is checked on every call). Each call is counted
// against a per-token rate limit in PostgreSQL, in the same statement that
// finds the token.

const tokenPattern = /^fpt_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

/** The longest a token may last. */
export const apiTokenMaxDays = 365;

/** A fresh token, its visible prefix and the hash that is stored. */
function newApiToken() {
  const prefix = `fpt_${randomBytes(4).toString("hex")}`;
  const token = `${prefix}_${randomBytes(32).toString("base64url")}`;
  return { token, prefix, tokenHash: hashApiToken(token) };
}

function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const dayMs = 24 * 3600 * 1000;

/** The days a new token may expire on, in UTC: from tomorrow up to a year from today; the form offers 90 days. */
export function apiTokenExpiryRange(now: Date) {
  const today = dateOnly(isoDate(now)).getTime();
  const day = (days: number) => isoDate(new Date(today + days * dayMs));
  return { earliest: day(1), latest: day(apiTokenMaxDays), suggested: day(90) };
}

/**
 * A new token's name, scope and expiry day. The token stops working at the
 * start of that day (UTC), so it lasts at most a year.
 */
export function apiTokenInput(now: Date) {
  const { earliest, latest } = apiTokenExpiryRange(now);
  const checked = { when: (payload: { issues: unknown[] }) => payload.issues.length === 0 };
  return z.strictObject({
    name: z.string().trim().min(1).max(100),
    scope: z.enum(ApiTokenScope),
    expiresOn: calendarDate
      .refine((day) => day >= earliest, { message: "expiryNotAfterToday", ...checked })
      .refine((day) => day <= latest, { message: "expiryTooLate", params: { days: apiTokenMaxDays }, ...checked }),
  });
}

type ApiTokenState = "active" | "expired" | "revoked";

const tokenColumns = { id: true, name: true, scope: true, prefix: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true } as const;

interface TokenRow {
  id: string;
  name: string;
  scope: ApiTokenScope;
  prefix: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

function tokenJson(row: TokenRow, now: Date) {
  const state: ApiTokenState = row.revokedAt ? "revoked" : row.expiresAt <= now ? "expired" : "active";
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    prefix: row.prefix,
    state,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export type ApiTokenListItem = ReturnType<typeof tokenJson>;

/**
 * Makes a token for the actor and answers it with the token itself, in clear
 * this once. A token cannot make another: a leaked one must not outlive its
 * revocation through tokens it made.
 */
export async function createApiToken(actor: Actor, raw: unknown, now = new Date()): Promise<ApiTokenListItem & { token: string }> {
  ensure(actor, "apiToken.own");
  if (actor.via) throw new ForbiddenError(actor);
  const input = parseInput(apiTokenInput(now), raw);
  const { token, prefix, tokenHash } = newApiToken();
  const created = await db().$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { userId: actor.id, name: input.name, scope: input.scope, tokenHash, prefix, createdAt: now, expiresAt: dateOnly(input.expiresOn) },
      select: tokenColumns,
    });
    await recordAudit(tx, actor, {
      action: "apiToken.create",
      entityType: "ApiToken",
      entityId: row.id,
      after: { name: row.name, scope: row.scope, prefix, expiresAt: row.expiresAt.toISOString(), userId: actor.id },
    });
    return row;
  });
  return { ...tokenJson(created, now), token };
}

/** The actor's own tokens, newest first, whatever their state. */
export async function listMyApiTokens(actor: Actor, now = new Date()): Promise<ApiTokenListItem[]> {
  ensure(actor, "apiToken.own");
  const rows = await db().apiToken.findMany({ where: { userId: actor.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: tokenColumns });
  return rows.map((row) => tokenJson(row, now));
}

/** Everyone's tokens that still work, by person (admins). */
export async function listActiveApiTokens(actor: Actor, now = new Date()) {
  ensure(actor, "apiToken.manage");
  const rows = await db().apiToken.findMany({
    where: { revokedAt: null, expiresAt: { gt: now } },
    orderBy: [{ user: { name: "asc" } }, { createdAt: "desc" }, { id: "desc" }],
    select: { ...tokenColumns, user: { select: { id: true, name: true, email: true } } },
  });
  return rows.map((row) => ({ ...tokenJson(row, now), owner: row.user }));
}

const revocationInput = z.object({ id: recordId });

/**
 * Revokes a token at once: one's own, or anyone's for admins. Anyone else's
 * token is not found, so that a token's id reveals nothing.
 */
export async function revokeApiToken(actor: Actor, id: unknown, now = new Date()): Promise<ApiTokenListItem> {
  ensure(actor, "apiToken.own");
  const input = parseInput(revocationInput, { id });
  return db().$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: input.id }, select: { userId: true, revokedAt: true } });
    if (!token || (token.userId !== actor.id && !can(actor, "apiToken.manage"))) throw new NotFoundError();
    // Only while not yet revoked: of two revocations at once, the later one finds it revoked.
    const revoked = await tx.apiToken.updateMany({ where: { id: input.id, revokedAt: null }, data: { revokedAt: now, revokedById: actor.id } });
    if (revoked.count === 0) throw new ConflictError("apiTokenRevoked");
    await recordAudit(tx, actor, {
      action: "apiToken.revoke",
      entityType: "ApiToken",
      entityId: input.id,
      before: { revokedAt: null },
      after: { revokedAt: now.toISOString(), userId: token.userId },
    });
    return tokenJson(await tx.apiToken.findUniqueOrThrow({ where: { id: input.id }, select: tokenColumns }), now);
  });
}

/** API_TOKEN_RATE_LIMIT_PER_MINUTE: calls one token may make in a minute (600 unless set). */
function apiTokenRateLimit(env: Record<string, string | undefined> = process.env): number {
  return positiveSetting(env, "API_TOKEN_RATE_LIMIT_PER_MINUTE", 600, "wholeNumber");
}

/** The token of an `Authorization: Bearer` header on /api/v1, or null when the request has none there. */
function bearerTokenOf(request: Request): string | null {
  if (!new URL(request.url).pathname.startsWith("/api/v1/")) return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(request.headers.get("authorization") ?? "");
  return match ? match[1]! : null;
}

const readMethods = new Set(["GET", "HEAD"]);

/** The token a call presents, with the calls counted in its current window. */
const tokenCallRow = rawRow("apiTokenCall", { tokenId: z.string(), tokenName: z.string(), scope: z.enum(ApiTokenScope), calls: z.number().int(), ...accountColumns });

/**
 * The account a request to the JSON API acts as through its personal API
 * token, as of `now`; null when it carries none (the session cookie decides
 * then). Pages and server actions never get here: the session choke point
 * asks only for the requests of API route handlers. A token that is unknown,
 * expired or revoked, or whose person is deactivated, is refused — never
 * answered with the cookie's session instead. The call is counted against the
 * token's rate limit; a read-only token is refused any method but GET and
 * HEAD. The actor carries the token, so that the audit trail names it.
 */
export async function accountOfApiRequest(request: Request | null, now = new Date(), rateLimit = apiTokenRateLimit()): Promise<Account | null> {
  const token = request ? bearerTokenOf(request) : null;
  if (!request || !token) return null;
  if (!tokenPattern.test(token)) throw new ApiTokenRejectedError();
  const windowStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  // One statement finds the token, counts the call in the window and reads its
  // person afresh (a deactivated person's tokens stop at once; ending their
  // sessions does not end them); last use moves at most once a minute.
  const [found] = await queryRows(tokenCallRow)`
    UPDATE "ApiToken" t SET
      "rateWindowCalls" = CASE WHEN t."rateWindowStart" = ${windowStart}::timestamptz THEN t."rateWindowCalls" + 1 ELSE 1 END,
      "rateWindowStart" = ${windowStart}::timestamptz,
      "lastUsedAt" = CASE WHEN t."lastUsedAt" IS NULL OR t."lastUsedAt" <= ${new Date(now.getTime() - 60_000)}::timestamptz THEN ${now}::timestamptz ELSE t."lastUsedAt" END
    FROM "User" u
    LEFT JOIN "SecondFactor" f ON f."userId" = u.id
    WHERE t."tokenHash" = ${hashApiToken(token)} AND t."revokedAt" IS NULL AND t."expiresAt" > ${now}::timestamptz AND u.id = t."userId" AND u.active
    RETURNING t.id AS "tokenId", t.name AS "tokenName", t.scope::text AS scope, t."rateWindowCalls" AS calls,
      u.id, u.name, u.email, u.roles::text[] AS roles, u."agencyId", u.locale::text AS locale,
      f."confirmedAt" IS NOT NULL AS "secondFactorEnrolled"`;
  if (!found) throw new ApiTokenRejectedError();
  const { tokenId, tokenName, scope, calls, ...person } = found;
  if (calls > rateLimit) throw new TooManyRequestsError(Math.ceil((windowStart.getTime() + 60_000 - now.getTime()) / 1000));
  const account = accountOf(person, "password");
  const actor: Actor = { ...account.actor, via: { tokenId, tokenName, scope } };
  if (scope === "read" && !readMethods.has(request.method.toUpperCase())) throw new ReadOnlyTokenError(actor);
  return { ...account, actor };
}
