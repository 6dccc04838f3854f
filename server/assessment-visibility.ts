import "server-only";
import { Prisma } from "./db/generated/client";
import type { Actor } from "./permissions";

/**
 * The design lets everyone read everything not in draft; a draft is its
 * author's alone. Applied inside every query that reads assessments, so an
 * unauthorized reader gets no row rather than a row to hide.
 */
export function visibleAssessments(actor: Actor): Prisma.AssessmentWhereInput {
  return { OR: [{ state: { not: "draft" } }, { authorId: actor.id }] };
}

/** The same rule for a raw query, on the assessment it names `a`. */
export function visibleAssessmentsSql(actor: Actor): Prisma.Sql {
  return Prisma.sql`(a.state <> 'draft' OR a."authorId" = ${actor.id})`;
}

/**
 * The version of each assessment that currently stands: published, and not
 * replaced by a published amendment.
 */
export const standingAssessments: Prisma.AssessmentWhereInput = {
  state: "published",
  OR: [{ amendedBy: null }, { amendedBy: { state: { not: "published" } } }],
};
