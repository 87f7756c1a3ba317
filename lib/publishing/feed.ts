import "server-only";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { findAppearances } from "@/lib/intelligence/appearances";
import { attachArchives } from "@/lib/snapshots/attach";
import { buildClaimReview } from "./claimreview";
import { listPublishedForFeed } from "./read-published";
import { publicBaseUrl, publisherName } from "./site";

export const FEED_PAGE_SIZE = 100;

export function feedPage(pageParam: string | null): number {
  const page = pageParam === null ? 1 : Number(pageParam);
  if (!Number.isInteger(page) || page < 1 || page > 1_000_000) throw new AppError("INVALID", "page must be a whole number from 1.");
  return page;
}

/**
 * The feed's equivalent of an article's readerRevision: a digest of every article's id and
 * readerRevision (which the database triggers bump on every change a reader can see, including a
 * reviewer's new name), and the newest approval, withdrawal or change among the checks, which is
 * the feed's dateModified. One query over the article ids; no check is read.
 */
export async function feedRevision(): Promise<{ key: string; modified: Date | null }> {
  const prisma = await getPrisma();
  const [row] = await prisma.$queryRaw<{ digest: string | null; modified: Date | null }[]>`
    SELECT (SELECT md5(string_agg("id" || ':' || "readerRevision", ',' ORDER BY "id")) FROM "Article") AS digest,
           (SELECT max(greatest("approvedAt", coalesce("retractedAt", "approvedAt"), coalesce("staleAt", "approvedAt"))) FROM "PublishedClaim") AS modified`;
  return { key: row?.digest ?? "empty", modified: row?.modified ?? null };
}

export async function buildClaimReviewFeed(pageParam: string | null, modified: Date | null = null) {
  const page = feedPage(pageParam);
  const { entries, total } = await listPublishedForFeed(page, FEED_PAGE_SIZE);
  await attachArchives(await getPrisma(), entries.map((e) => e.claim));
  const ctx = { baseUrl: publicBaseUrl(), publisher: publisherName() };
  const appearances = await findAppearances(entries.map((e) => e.claim.id));
  const pages = Math.max(1, Math.ceil(total / FEED_PAGE_SIZE));
  const feedUrl = `${ctx.baseUrl}/claimreview.json`;
  return {
    "@context": "https://schema.org",
    "@type": "DataFeed",
    name: `${ctx.publisher} fact checks`,
    url: page === 1 ? feedUrl : `${feedUrl}?page=${page}`,
    // The newest change among the checks (feedRevision), so that equal revisions give equal bytes.
    ...(modified ? { dateModified: new Date(modified).toISOString() } : {}),
    // Pagination (not schema.org vocabulary, so in a non-schema key): where the next and previous pages are.
    "factmark:page": { page, pages, total, pageSize: FEED_PAGE_SIZE, ...(page < pages ? { next: `${feedUrl}?page=${page + 1}` } : {}), ...(page > 1 ? { previous: `${feedUrl}?page=${page - 1}` } : {}) },
    dataFeedElement: entries.map((e) => buildClaimReview(e.claim, e.article, ctx, appearances.get(e.claim.id))).filter((r) => r !== null),
  };
}
