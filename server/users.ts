import "server-only";
import { z } from "zod";
import { recordAudit } from "./audit";
import { verifyPassword, spendPasswordCheck } from "./auth/password";
import { db } from "./db/client";
import type { Actor } from "./permissions";
import { ensure } from "./permissions";
import { parseInput } from "./validation";

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  password: z.string().min(1).max(1024),
});

/** The account a correct email and password belong to, or null for any mismatch. */
export async function verifyCredentials(raw: unknown): Promise<{ id: string; sessionVersion: number } | null> {
  const parsed = signInInput.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, active: true, passwordHash: true, sessionVersion: true },
  });
  if (!user?.passwordHash || !user.active) {
    await spendPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return { id: user.id, sessionVersion: user.sessionVersion };
}

/**
 * The actor behind a session, read afresh from the database on every request
 * so that a role taken away or an account deactivated takes effect at once.
 */
export async function findActiveActor(userId: string, sessionVersion: number): Promise<Actor | null> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, roles: true, agencyId: true, locale: true, active: true, sessionVersion: true },
  });
  if (!user || !user.active || user.sessionVersion !== sessionVersion) return null;
  return { id: user.id, name: user.name, email: user.email, roles: user.roles, agencyId: user.agencyId, locale: user.locale };
}

export const localeInput = z.object({ locale: z.enum(["en", "es"]) });

/** Remembers the actor's language on their account. */
export async function setPreferredLocale(actor: Actor, raw: unknown): Promise<void> {
  ensure(actor, "profile.update");
  const { locale } = parseInput(localeInput, raw);
  if (locale === actor.locale) return;
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { locale } });
    await recordAudit(tx, actor, {
      action: "user.locale.update",
      entityType: "User",
      entityId: actor.id,
      before: { locale: actor.locale },
      after: { locale },
    });
  });
}
