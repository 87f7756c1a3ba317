import "server-only";
import { anchor, type Selector } from "@/lib/anchoring";
import { getCurrentArticle, type CurrentArticle } from "@/lib/articles/read-articles";
import { getPrisma } from "@/lib/db/client";
import { ZSourceSnapshots, type PublishedClaimView } from "./published";

// Readers are served from PublishedClaim only: approved snapshots. Drafts, pending revisions,
// comments and reviewer notes live in other tables and are never read here.

const day = (d: Date) => d.toISOString();

type Row = Awaited<ReturnType<typeof loadRows>>[number];

async function loadRows(articleIds: string[]) {
  const prisma = await getPrisma();
  return prisma.publishedClaim.findMany({
    where: { articleId: { in: articleIds } },
    include: { reviewer: { select: { name: true } }, approvedBy: { select: { name: true } }, retractedBy: { select: { name: true } } },
    orderBy: { approvedAt: "asc" },
  });
}

function toView(row: Row, currentText: string | null): PublishedClaimView {
  const sources = ZSourceSnapshots.safeParse(row.sources);
  let placement: PublishedClaimView["placement"] = null;
  if (currentText !== null) {
    const placed = anchor(currentText, row.selectors as unknown as Selector[]);
    if (placed.status === "anchored") placement = { start: placed.start, end: placed.end };
  }
  return {
    id: row.claimId,
    quote: row.quote,
    verdict: row.verdict,
    explanation: row.explanation,
    sources: sources.success ? sources.data : [],
    reviewer: row.reviewer.name,
    approvedBy: row.approvedBy.name,
    approvedAt: day(row.approvedAt),
    changedSince: row.staleAt ? day(row.staleAt) : null,
    retraction: row.retractedAt ? { at: day(row.retractedAt), by: row.retractedBy?.name ?? "an editor", reason: row.retractionReason ?? "" } : null,
    placement,
  };
}

export type PublishedArticle = { article: CurrentArticle; claims: PublishedClaimView[] };

/** The public article: its current version and its published checks, in document order. */
export async function getPublishedArticle(slug: string): Promise<PublishedArticle> {
  const article = await getCurrentArticle(slug);
  const claims = (await loadRows([article.id])).map((r) => toView(r, article.version.plainText));
  const at = (c: PublishedClaimView) => c.placement?.start ?? Number.MAX_SAFE_INTEGER;
  claims.sort((a, b) => at(a) - at(b) || (b.placement?.end ?? 0) - (a.placement?.end ?? 0));
  return { article, claims };
}

export type FeedEntry = { claim: PublishedClaimView; article: { slug: string; title: string; byline: string | null; sourceUrl: string | null; publishedAt: Date | null } };

/** All live published checks, newest approval first, a page at a time (for the ClaimReview feed). */
export async function listPublishedForFeed(page: number, pageSize: number): Promise<{ entries: FeedEntry[]; total: number }> {
  const prisma = await getPrisma();
  const where = { retractedAt: null };
  const [total, rows] = await Promise.all([
    prisma.publishedClaim.count({ where }),
    prisma.publishedClaim.findMany({
      where,
      include: {
        reviewer: { select: { name: true } },
        approvedBy: { select: { name: true } },
        retractedBy: { select: { name: true } },
        article: { select: { slug: true, title: true, byline: true, sourceUrl: true, publishedAt: true } },
      },
      orderBy: [{ approvedAt: "desc" }, { claimId: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
  ]);
  return { total, entries: rows.map((r) => ({ claim: toView(r, null), article: r.article })) };
}
