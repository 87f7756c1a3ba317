import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TReviewState } from "@/lib/claims/claim-dto";
import type { TVerdict } from "@/lib/verdicts";
import type { TQueueFilters } from "@/lib/validation/workflow";

export type QueueItem = {
  id: string;
  quote: string;
  verdict: TVerdict;
  state: TReviewState;
  article: { slug: string; title: string };
  reviewer: { id: string; name: string };
  /** When it entered review (or was created, for states that never did). */
  since: string;
};
export type ReviewQueue = {
  items: QueueItem[];
  filters: Required<{ [K in keyof TQueueFilters]: string }>;
  articles: { slug: string; title: string }[];
  reviewers: { id: string; name: string }[];
};

function assertEditorial(actor: SessionUser) {
  if (actor.role !== "EDITOR" && actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only editors and admins can open the review queue.");
}

/** Claims waiting for an editor (or in another state, filtered), oldest first, across articles. */
export async function listReviewQueue(actor: SessionUser, filters: TQueueFilters): Promise<ReviewQueue> {
  assertEditorial(actor);
  const prisma = await getPrisma();
  const state = filters.state ?? "SUBMITTED";
  const [rows, articles, reviewers] = await Promise.all([
    prisma.claim.findMany({
      where: {
        deletedAt: null,
        state,
        ...(filters.article ? { article: { slug: filters.article } } : {}),
        ...(filters.reviewer ? { authorId: filters.reviewer } : {}),
        ...(filters.verdict ? { verdict: filters.verdict } : {}),
      },
      orderBy: [{ submittedAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
      take: 500,
      include: { article: { select: { slug: true, title: true } }, author: { select: { id: true, name: true } } },
    }),
    prisma.article.findMany({ orderBy: { title: "asc" }, select: { slug: true, title: true } }),
    prisma.user.findMany({ where: { role: { in: ["REVIEWER", "EDITOR", "ADMIN"] } }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      quote: r.quote,
      verdict: r.verdict,
      state: r.state,
      article: r.article,
      reviewer: r.author,
      since: (r.submittedAt ?? r.createdAt).toISOString(),
    })),
    filters: { article: filters.article ?? "", reviewer: filters.reviewer ?? "", verdict: filters.verdict ?? "", state },
    articles,
    reviewers,
  };
}

/** The header's count: claims waiting for an editor. Null for anyone who is not an editor. */
export async function countReviewQueue(actor: SessionUser | null): Promise<number | null> {
  if (!actor || (actor.role !== "EDITOR" && actor.role !== "ADMIN")) return null;
  const prisma = await getPrisma();
  return prisma.claim.count({ where: { deletedAt: null, state: "SUBMITTED" } });
}
