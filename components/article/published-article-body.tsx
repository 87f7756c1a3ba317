"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { takeReaderHtml } from "@/lib/publishing/reader-html-handoff";
import ReaderInteractions from "./reader-interactions";

type Props = {
  /** Names the content (article and readerRevision); the server filed its HTML under it (lib/publishing/reader-body.ts). */
  contentKey: string;
  claimCount: number;
  unplaced: number;
  hasJsonLd: boolean;
  /** Rendered between the article and its evidence (the corrections). */
  children?: ReactNode;
};

const EMPTY = { __html: "" };

/**
 * The article with its highlights, the evidence for every check, and their ClaimReview JSON-LD.
 *
 * The HTML is made on the server only (issue 21): the server render of this component reads it
 * from the hand-off by key, and the RSC payload carries nothing but the key. At hydration the
 * browser renders the same elements with empty HTML and suppressHydrationWarning; React does not
 * touch the children of an element with dangerouslySetInnerHTML while hydrating, nor later while
 * the (empty) HTML prop stays the same, so the server's DOM stays. A client-side navigation to the
 * page has no server DOM to keep: the page then loads itself in full, once.
 */
export default function PublishedArticleBody({ contentKey, claimCount, unplaced, hasJsonLd, children }: Props) {
  const html = takeReaderHtml(contentKey);
  const articleRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Rendered in the browser rather than hydrated: fetch the page itself.
    if (articleRef.current && !articleRef.current.hasChildNodes()) window.location.reload();
  }, [contentKey]);
  return (
    <>
      <ReaderInteractions>
        <article className="article-body reader-body" data-testid="article-body">
          <div key={contentKey} ref={articleRef} className="static-document" dangerouslySetInnerHTML={html ? { __html: html.article } : EMPTY} suppressHydrationWarning />
        </article>
      </ReaderInteractions>
      {children}
      {claimCount > 0 && (
        <section className="evidence-list" aria-labelledby="evidence-heading">
          <h2 id="evidence-heading">The evidence</h2>
          {unplaced > 0 && (
            <p className="muted">The article has changed since {unplaced === 1 ? "one check was" : `${unplaced} checks were`} made; {unplaced === 1 ? "it is" : "they are"} listed here without a highlight.</p>
          )}
          <ol key={contentKey} dangerouslySetInnerHTML={html ? { __html: html.evidence } : EMPTY} suppressHydrationWarning />
        </section>
      )}
      {hasJsonLd && <div key={contentKey} className="claimreview-data" dangerouslySetInnerHTML={html ? { __html: html.jsonLd } : EMPTY} suppressHydrationWarning />}
    </>
  );
}
