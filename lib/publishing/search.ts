import "server-only";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TVerdict } from "@/lib/verdicts";
import { findUnstorableText, MAX_SEARCH_LENGTH } from "@/lib/validation/text";

export type IndexEntry = { slug: string; title: string; byline: string | null; publishedAt: Date | null; tags: string[]; checkedCount: number; matches: { claimId: string; quote: string; verdict: TVerdict }[] };

export const MAX_QUERY_LENGTH = MAX_SEARCH_LENGTH;

/**
 * Articles with their checked-claim counts, optionally filtered by a full-text query over article
 * titles and published (live) claims. PostgreSQL full-text search (english configuration,
 * websearch syntax: words, "phrases", -exclusions, OR) — the embedded database is PostgreSQL too,
 * so it behaves identically there.
 */
export async function listIndex(query?: string): Promise<IndexEntry[]> {
  const q = query?.trim() ?? "";
  if (q.length > MAX_QUERY_LENGTH) throw new AppError("INVALID", `Search for at most ${MAX_QUERY_LENGTH} characters.`);
  // PostgreSQL cannot take a NUL or half an emoji as a search term: say so rather than fail.
  const problem = findUnstorableText(q, "The search");
  if (problem) throw new AppError("INVALID", problem);
  const prisma = await getPrisma();
  const counts = new Map(
    (await prisma.publishedClaim.groupBy({ by: ["articleId"], where: { retractedAt: null }, _count: { _all: true } })).map((g) => [g.articleId, g._count._all]),
  );
  const articles = await prisma.article.findMany({
    orderBy: [{ publishedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    select: { id: true, slug: true, title: true, byline: true, publishedAt: true, tags: true },
  });
  if (!q) return articles.map((a) => ({ ...a, checkedCount: counts.get(a.id) ?? 0, matches: [] }));

  const titleHits = await prisma.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Article" WHERE to_tsvector('english', title) @@ websearch_to_tsquery('english', ${q})`;
  const claimHits = await prisma.$queryRaw<{ articleId: string; claimId: string; quote: string; verdict: TVerdict }[]>`
    SELECT "articleId", "claimId", quote, verdict::text AS verdict
    FROM "PublishedClaim"
    WHERE "retractedAt" IS NULL
      AND to_tsvector('english', quote || ' ' || explanation) @@ websearch_to_tsquery('english', ${q})
    ORDER BY ts_rank(to_tsvector('english', quote || ' ' || explanation), websearch_to_tsquery('english', ${q})) DESC`;
  const titleIds = new Set(titleHits.map((h) => h.id));
  return articles
    .map((a) => ({ ...a, checkedCount: counts.get(a.id) ?? 0, matches: claimHits.filter((h) => h.articleId === a.id).map(({ claimId, quote, verdict }) => ({ claimId, quote, verdict })) }))
    .filter((a) => titleIds.has(a.id) || a.matches.length > 0);
}
