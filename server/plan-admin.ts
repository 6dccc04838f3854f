import "server-only";
import { listAgencies } from "./agencies";
import { db } from "./db/client";
import { NotFoundError } from "./errors";
import { ensure, type Actor } from "./permissions";

// Reads of the admin pages that keep the plan. Unlike the reading pages they
// show archived commitments and milestones too, so that an admin can restore
// them; the writes live in pillars.ts, commitments.ts and milestones.ts.

/** Every pillar with all its commitments and milestones, archived ones included. */
export async function getPlanForAdmin(actor: Actor) {
  ensure(actor, "plan.manage");
  return db().pillar.findMany({
    orderBy: { number: "asc" },
    select: {
      id: true,
      number: true,
      code: true,
      name: true,
      nameEs: true,
      commitments: {
        orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { title: "asc" }],
        select: {
          id: true,
          title: true, titleEs: true,
          archivedAt: true,
          version: true,
          milestones: {
            orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { dueDate: "asc" }],
            select: { id: true, title: true, titleEs: true, dueDate: true, status: true, archivedAt: true, version: true },
          },
        },
      },
    },
  });
}

/** One pillar by id, with the version the edit form sends back. */
export async function getPillarForEdit(actor: Actor, id: string) {
  ensure(actor, "plan.manage");
  const pillar = await db().pillar.findUnique({ where: { id } });
  if (!pillar) throw new NotFoundError();
  return pillar;
}

/**
 * The choices of the plan forms: pillars, agencies, the active users who may
 * own a record, and the live commitments a milestone may belong to.
 */
export async function getPlanFormOptions(actor: Actor) {
  ensure(actor, "plan.manage");
  const [pillars, agencies, owners, commitments] = await Promise.all([
    db().pillar.findMany({ orderBy: { number: "asc" }, select: { id: true, number: true, code: true, name: true, nameEs: true } }),
    listAgencies(actor),
    db().user.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true, email: true } }),
    db().commitment.findMany({
      where: { archivedAt: null },
      orderBy: [{ pillar: { number: "asc" } }, { title: "asc" }],
      select: { id: true, title: true, titleEs: true, pillar: { select: { code: true } } },
    }),
  ]);
  return { pillars, agencies, owners, commitments };
}

export type PlanFormOptions = Awaited<ReturnType<typeof getPlanFormOptions>>;
