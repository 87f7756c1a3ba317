import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { assertCanReview } from "@/lib/claims/access";
import type { TReviewState } from "@/lib/claims/claim-dto";
import { getPrisma } from "@/lib/db/client";
import { REVIEW_STATES } from "./state-machine";

export type ReviewerHome = {
  assignments: { slug: string; title: string; assignedAt: string }[];
  claimsByState: { state: TReviewState; claims: { id: string; quote: string; articleTitle: string }[] }[];
};

/** The home page's "My assignments" and "My claims by state". */
export async function getReviewerHome(actor: SessionUser): Promise<ReviewerHome> {
  assertCanReview(actor);
  const prisma = await getPrisma();
  const [assignments, claims] = await Promise.all([
    prisma.assignment.findMany({ where: { reviewerId: actor.id }, orderBy: { createdAt: "desc" }, include: { article: { select: { slug: true, title: true } } } }),
    prisma.claim.findMany({ where: { authorId: actor.id, deletedAt: null }, orderBy: { updatedAt: "desc" }, take: 500, select: { id: true, quote: true, state: true, article: { select: { title: true } } } }),
  ]);
  return {
    assignments: assignments.map((a) => ({ slug: a.article.slug, title: a.article.title, assignedAt: a.createdAt.toISOString() })),
    claimsByState: REVIEW_STATES.map((state) => ({
      state,
      claims: claims.filter((c) => c.state === state).map((c) => ({ id: c.id, quote: c.quote, articleTitle: c.article.title })),
    })),
  };
}
