// schema.org ClaimReview for a published check (rules: shared/claimreview, Google's fact-check
// structured data). Pure, so a test can check every object the site emits.
import { claimReviewRating } from "@/lib/verdicts";
import type { PublishedClaimView } from "./published";
import { claimAnchorId } from "./site";
import { archiveHref } from "@/lib/snapshots/status";

export type ArticleRef = { slug: string; title: string; byline: string | null; sourceUrl: string | null; publishedAt: Date | null };
export type ClaimReviewContext = { baseUrl: string; publisher: string };

/**
 * The ClaimReview for one published claim, or null when it must not be published as one: a
 * withdrawn check, a check whose words changed after approval (until an editor confirms it), or a
 * claim approved as "Not yet checked" (it has no rating, and reviewRating is required).
 */
export function buildClaimReview(claim: PublishedClaimView, article: ArticleRef, ctx: ClaimReviewContext, otherAppearances: ArticleRef[] = []) {
  const rating = claimReviewRating(claim.verdict);
  if (!rating || claim.retraction || claim.changedSince) return null;
  const pageUrl = `${ctx.baseUrl}/articles/${article.slug}`;
  const organisation = { "@type": "Organization", name: ctx.publisher, url: ctx.baseUrl } as const;
  const creativeWork = (a: ArticleRef) => ({
    "@type": "NewsArticle",
    url: a.sourceUrl ?? `${ctx.baseUrl}/articles/${a.slug}`,
    headline: a.title,
    ...(a.byline ? { author: { "@type": "Person", name: a.byline } } : {}),
    ...(a.publishedAt ? { datePublished: a.publishedAt.toISOString() } : {}),
  });
  // Issue 16 §3: the same claim approved in several articles lists each appearance; the first
  // appearance is the earliest dated one (this article when no date says otherwise).
  const others = otherAppearances.filter((a) => a.slug !== article.slug);
  const appearance = creativeWork(article);
  const earliest = [article, ...others].reduce((first, a) => (a.publishedAt && (!first.publishedAt || a.publishedAt < first.publishedAt) ? a : first), article);
  // Issue 18: the sources the check cites, each with Factmark's archived copy (schema.org archivedAt).
  const citation = claim.sources.map((s) => ({
    "@type": "CreativeWork",
    url: s.url,
    name: s.title,
    ...(s.publisher ? { publisher: { "@type": "Organization", name: s.publisher } } : {}),
    ...(s.publishedAt ? { datePublished: s.publishedAt } : {}),
    ...(s.archive ? { archivedAt: `${ctx.baseUrl}${archiveHref(s.archive.id)}` } : {}),
  }));
  return {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    url: `${pageUrl}#${claimAnchorId(claim.id)}`,
    claimReviewed: claim.quote,
    reviewRating: rating,
    author: organisation,
    datePublished: claim.approvedAt.slice(0, 10),
    ...(citation.length ? { citation } : {}),
    itemReviewed: {
      "@type": "Claim",
      appearance: others.length ? [appearance, ...others.map(creativeWork)] : appearance,
      // A url says which appearance came first without repeating the whole CreativeWork.
      firstAppearance: earliest === article ? appearance.url : creativeWork(earliest).url,
      // The claim's author and date are the article's where the article names them; nothing is invented.
      ...(article.byline ? { author: { "@type": "Person", name: article.byline } } : {}),
      ...(article.publishedAt ? { datePublished: article.publishedAt.toISOString().slice(0, 10) } : {}),
    },
  };
}

export type ClaimReview = NonNullable<ReturnType<typeof buildClaimReview>>;

/** JSON for inside a <script> element: "<" is escaped so no string can close the script. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
