import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TReviewState } from "@/lib/claims/claim-dto";
import type { TVerdict } from "@/lib/verdicts";
import type { TQueueFilters } from "@/lib/validation/workflow";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeQueueCursor, encodeQueueCursor, type QueueCursor } from "./queue-cursor";

/** Claims per queue page. */
export const QUEUE_PAGE_SIZE = 100;

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
  /** How many claims match the filters, on every page. */
  total: number;
  /** The `after` value of the next page's address, or null on the last page. */
  nextCursor: string | null;
  /** Whether this is a later page (an `after` was given). */
  isLaterPage: boolean;
  filters: Required<{ [K in keyof TQueueFilters]: string }>;
  articles: { slug: string; title: string }[];
  reviewers: { id: string; name: string }[];
};

function assertEditorial(actor: SessionUser) {
  if (actor.role !== "EDITOR" && actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only editors and admins can open the review queue.");
}

/**
 * The claims after `cursor` in queue order (submittedAt ascending, never-submitted last, then
 * createdAt, then id). A keyset, not an offset: approving claims on page 1 while someone reads
 * page 2 shifts no row onto a page already read, and skips none (issue 20, item 2).
 */
function afterCursor(cursor: QueueCursor | null): Prisma.ClaimWhereInput {
  if (!cursor) return {};
  const sameTimes = [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }];
  if (cursor.submittedAt === null) return { submittedAt: null, OR: sameTimes };
  return {
    OR: [
      { submittedAt: { gt: cursor.submittedAt } },
      { submittedAt: null },
      { submittedAt: cursor.submittedAt, createdAt: { gt: cursor.createdAt } },
      { submittedAt: cursor.submittedAt, createdAt: cursor.createdAt, id: { gt: cursor.id } },
    ],
  };
}

/**
 * Claims waiting for an editor (or in another state, filtered), oldest first, across articles, one
 * page at a time; `after` is the previous page's nextCursor (an unreadable one starts over).
 */
export async function listReviewQueue(actor: SessionUser, filters: TQueueFilters, after?: string, pageSize = QUEUE_PAGE_SIZE): Promise<ReviewQueue> {
  assertEditorial(actor);
  const prisma = await getPrisma();
  const state = filters.state ?? "SUBMITTED";
  const cursor = decodeQueueCursor(after);
  const matching: Prisma.ClaimWhereInput = {
    deletedAt: null,
    state,
    ...(filters.article ? { article: { slug: filters.article } } : {}),
    ...(filters.reviewer ? { authorId: filters.reviewer } : {}),
    ...(filters.verdict ? { verdict: filters.verdict } : {}),
  };
  const [rows, total, articles, reviewers] = await Promise.all([
    prisma.claim.findMany({
      where: { AND: [matching, afterCursor(cursor)] },
      orderBy: [{ submittedAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }],
      take: pageSize + 1,
      include: { article: { select: { slug: true, title: true } }, author: { select: { id: true, name: true } } },
    }),
    prisma.claim.count({ where: matching }),
    prisma.article.findMany({ orderBy: { title: "asc" }, select: { slug: true, title: true } }),
    prisma.user.findMany({ where: { role: { in: ["REVIEWER", "EDITOR", "ADMIN"] } }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return {
    total,
    nextCursor: rows.length > pageSize && last ? encodeQueueCursor({ submittedAt: last.submittedAt, createdAt: last.createdAt, id: last.id }) : null,
    isLaterPage: cursor !== null,
    items: page.map((r) => ({
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
