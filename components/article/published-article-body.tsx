"use client";

import { useMemo, type ReactNode } from "react";
import type { TArticleDoc } from "@/lib/articles/document";
import { buildClaimReview, type ArticleRef, type ClaimReviewContext } from "@/lib/publishing/claimreview";
import type { PublishedClaimView } from "@/lib/publishing/published";
import { claimReviewScriptsHtml, evidenceListHtml, readerArticleHtml } from "@/lib/publishing/reader-html";
import ReaderInteractions from "./reader-interactions";

type BuiltHtml = { article: string; evidence: string; jsonLd: string };

/**
 * The HTML last built per content key. On the server this saves rebuilding ~470 KB of HTML for
 * every reader of an unchanged article (about a fifth of the page's time with 200 checks); in the
 * browser it holds the few articles a reader has opened.
 */
const built = new Map<string, BuiltHtml>();
const BUILT_LIMIT = 20;

type Props = {
  /** Names the content (article and readerRevision): the HTML built for it is reused while it stands. */
  contentKey: string;
  doc: TArticleDoc;
  claims: PublishedClaimView[];
  article: ArticleRef;
  reviewContext: ClaimReviewContext;
  /** Rendered between the article and its evidence (the corrections). */
  children?: ReactNode;
};

/**
 * The article with its highlights, the evidence for every check, and their ClaimReview JSON-LD.
 * A client component on purpose: the RSC payload then carries the checks once, as data, and the
 * same pure builders make the HTML during server rendering and again at hydration, where React
 * keeps the server's DOM. As server-rendered elements, the payload repeated every mark and
 * evidence block beside the HTML (about 800 KB with 200 checks).
 */
export default function PublishedArticleBody({ contentKey, doc, claims, article, reviewContext, children }: Props) {
  const html = useMemo(() => {
    const known = built.get(contentKey);
    if (known) return known;
    const reviews = claims.map((c) => buildClaimReview(c, article, reviewContext)).filter((r) => r !== null);
    const fresh = { article: readerArticleHtml(doc, claims), evidence: evidenceListHtml(claims), jsonLd: reviews.length ? claimReviewScriptsHtml(reviews) : "" };
    built.set(contentKey, fresh);
    // Insertion order is age: drop the oldest beyond the limit.
    for (const key of built.keys()) if (built.size > BUILT_LIMIT) built.delete(key);
    return fresh;
  }, [contentKey, doc, claims, article, reviewContext]);
  const unplaced = claims.filter((c) => !c.placement).length;
  return (
    <>
      <ReaderInteractions>
        <article className="article-body reader-body" data-testid="article-body">
          <div className="static-document" dangerouslySetInnerHTML={{ __html: html.article }} />
        </article>
      </ReaderInteractions>
      {children}
      {claims.length > 0 && (
        <section className="evidence-list" aria-labelledby="evidence-heading">
          <h2 id="evidence-heading">The evidence</h2>
          {unplaced > 0 && (
            <p className="muted">The article has changed since {unplaced === 1 ? "one check was" : `${unplaced} checks were`} made; {unplaced === 1 ? "it is" : "they are"} listed here without a highlight.</p>
          )}
          <ol dangerouslySetInnerHTML={{ __html: html.evidence }} />
        </section>
      )}
      {html.jsonLd && <div className="claimreview-data" dangerouslySetInnerHTML={{ __html: html.jsonLd }} />}
    </>
  );
}
