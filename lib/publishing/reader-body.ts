// The heavy, static parts of the reader page (the article with its marks, the evidence, the
// ClaimReview JSON-LD), built on the server only and handed to the client component's server
// render through reader-html-handoff.ts, so that none of it travels in the RSC payload (issue 21).
import "server-only";
import type { TArticleDoc } from "@/lib/articles/document";
import { buildClaimReview, type ArticleRef, type ClaimReviewContext } from "./claimreview";
import type { PublishedClaimView } from "./published";
import { claimReviewScriptsHtml, evidenceListHtml, readerArticleHtml } from "./reader-html";
import { offerReaderHtml, takeReaderHtml, type ReaderBodyHtml } from "./reader-html-handoff";

/**
 * The reader body's HTML for the content named `contentKey` (article id and readerRevision): built
 * once per content and kept in the hand-off (bounded), where the client component's server render
 * reads it. Returns what the page needs to know about it.
 */
export function prepareReaderBody(contentKey: string, doc: TArticleDoc, claims: PublishedClaimView[], article: ArticleRef, ctx: ClaimReviewContext): ReaderBodyHtml {
  const known = takeReaderHtml(contentKey);
  if (known) return known;
  const reviews = claims.map((c) => buildClaimReview(c, article, ctx)).filter((r) => r !== null);
  const html = { article: readerArticleHtml(doc, claims), evidence: evidenceListHtml(claims), jsonLd: reviews.length ? claimReviewScriptsHtml(reviews) : "" };
  offerReaderHtml(contentKey, html);
  return html;
}
