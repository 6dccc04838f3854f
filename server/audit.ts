import "server-only";
import { headers } from "next/headers";
import type { Prisma } from "./db/generated/client";
import type { Transaction } from "./db/client";
import type { Actor } from "./permissions";

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * The id scripts/serve.mjs (or proxy.ts) gives every request, which ties
 * together the audit events and the log line of one request; null outside a
 * request (the seed, scripts, tests), where next/headers has nothing to read.
 */
export async function currentRequestId(): Promise<string | null> {
  try {
    return (await headers()).get("x-request-id");
  } catch {
    return null;
  }
}

/** Records a change, with the personal API token it was made with, if any; call it inside the transaction that makes the change. */
export async function recordAudit(tx: Transaction, actor: Pick<Actor, "id" | "via"> | null, entry: AuditEntry): Promise<void> {
  const requestId = await currentRequestId();
  await tx.auditEvent.create({
    data: {
      actorId: actor?.id ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: toJson(entry.before),
      after: toJson(entry.after),
      requestId,
      apiTokenId: actor?.via?.tokenId ?? null,
    },
  });
}

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
