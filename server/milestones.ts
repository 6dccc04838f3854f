import "server-only";
import { db } from "./db/client";
import { NotFoundError } from "./errors";
import { ensure, type Actor } from "./permissions";

/** One milestone with its commitment, pillar, evidence and full history, newest first. */
export async function getMilestone(actor: Actor, id: string) {
  ensure(actor, "plan.read");
  const milestone = await db().milestone.findUnique({
    where: { id },
    include: {
      owner: { select: { name: true } },
      commitment: { select: { id: true, title: true, pillar: { select: { number: true, code: true, name: true } } } },
      statusUpdates: {
        orderBy: { createdAt: "desc" },
        include: { author: { select: { name: true } } },
      },
      evidence: {
        orderBy: { publishedOn: "desc" },
        include: { retraction: { select: { reason: true } } },
      },
    },
  });
  if (!milestone) throw new NotFoundError();
  return milestone;
}
