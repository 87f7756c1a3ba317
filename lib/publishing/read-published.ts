import "server-only";
import { LRUCache } from "lru-cache";
import { cache } from "react";
import { anchor, type Selector } from "@/lib/anchoring";
import { getCorrectionNotes, type CorrectionNote } from "@/lib/articles/corrections";
import { getCurrentArticle, type CurrentArticle } from "@/lib/articles/read-articles";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { PublishedClaim } from "@/lib/generated/prisma/client";
import { attachArchives } from "@/lib/snapshots/attach";
import { ZSourceSnapshots, type PublishedClaimView } from "./published";

// Readers are served from PublishedClaim only: approved snapshots. Drafts, pending revisions,
// comments and reviewer notes live in other tables and are never read here.

const day = (d: Date) => d.toISOString();

type Named = { name: string };
type NamedRow = PublishedClaim & { reviewer: Named; approvedBy: Named; retractedBy: Named | null };

/**
 * One article's published checks with the names of the people on them. The names come in one
 * query for the few people involved: a Prisma include costs three more round trips, which on the
 * embedded database was most of the reader page's data time.
 */
async function loadArticleRows(articleId: string): Promise<NamedRow[]> {
  const prisma = await getPrisma();
  const rows = await prisma.publishedClaim.findMany({ where: { articleId }, orderBy: { approvedAt: "asc" } });
  const ids = new Set(rows.flatMap((r) => [r.reviewerId, r.approvedById, ...(r.retractedById ? [r.retractedById] : [])]));
  const people = ids.size ? await prisma.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } }) : [];
  const name = new Map(people.map((p) => [p.id, { name: p.name }]));
  return rows.map((r) => ({ ...r, reviewer: name.get(r.reviewerId)!, approvedBy: name.get(r.approvedById)!, retractedBy: r.retractedById ? (name.get(r.retractedById) ?? null) : null }));
}

function toView(row: NamedRow, currentText: string | null): PublishedClaimView {
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

export type PublishedArticle = {
  article: CurrentArticle;
  claims: PublishedClaimView[];
  corrections: CorrectionNote[];
  /** "<article id>:<readerRevision>": names this content, for caches of what is built from it. */
  contentKey: string;
};

async function loadPublishedArticle(slug: string, contentKey: string): Promise<PublishedArticle> {
  const article = await getCurrentArticle(slug);
  const [rows, corrections] = await Promise.all([loadArticleRows(article.id), getCorrectionNotes(article.id)]);
  const claims = await attachArchives(await getPrisma(), rows.map((r) => toView(r, article.version.plainText)));
  const at = (c: PublishedClaimView) => c.placement?.start ?? Number.MAX_SAFE_INTEGER;
  claims.sort((a, b) => at(a) - at(b) || (b.placement?.end ?? 0) - (a.placement?.end ?? 0));
  return { article, claims, corrections, contentKey };
}

/**
 * What this server last loaded for each article, with the article's readerRevision at the time.
 * Loading 200 checks costs ~15 ms on the embedded database; checking the revision costs one
 * indexed read. The revision is kept by database triggers (migration reader_revision), so every
 * instance sharing the database sees a change on its next request.
 */
const loaded = new LRUCache<string, { revision: number; value: Promise<PublishedArticle> }>({ max: 50 });

/**
 * The public article: its current version and its published checks, in document order. Cached for
 * the request, because the page and its metadata both ask.
 */
export const getPublishedArticle = cache(async function getPublishedArticle(slug: string): Promise<PublishedArticle> {
  const prisma = await getPrisma();
  const head = await prisma.article.findUnique({ where: { slug }, select: { id: true, readerRevision: true } });
  if (!head) throw new AppError("NOT_FOUND", "There is no article at this address.");
  const hit = loaded.get(head.id);
  if (hit?.revision === head.readerRevision) return hit.value;
  // Read after the revision, so what is stored is never older than the revision it is filed under.
  const value = loadPublishedArticle(slug, `${head.id}:${head.readerRevision}`);
  loaded.set(head.id, { revision: head.readerRevision, value });
  value.catch(() => {
    if (loaded.get(head.id)?.value === value) loaded.delete(head.id);
  });
  return value;
});

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
