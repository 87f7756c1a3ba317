import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import Evidence from "@/components/article/evidence";
import ReaderInteractions from "@/components/article/reader-interactions";
import ReaderMarks from "@/components/article/reader-marks";
import VerdictSummary from "@/components/article/verdict-summary";
import { getSessionUser } from "@/lib/auth/session";
import { hasRole, REVIEW_ROLES } from "@/lib/auth/roles";
import { isAppError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { getArticleCorrections } from "@/lib/articles/corrections";
import { buildClaimReview, jsonForScript } from "@/lib/publishing/claimreview";
import { getPublishedArticle, type PublishedArticle } from "@/lib/publishing/read-published";
import { claimAnchorId, publicBaseUrl, publisherName } from "@/lib/publishing/site";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

async function load(slug: string): Promise<PublishedArticle> {
  try {
    return await getPublishedArticle(slug);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  try {
    const { article } = await getPublishedArticle(slug);
    return { title: `${article.title} · Factmark` };
  } catch {
    return { title: "Not found · Factmark" };
  }
}

export default async function ArticlePage({ params }: Props) {
  const { slug } = await params;
  const [{ article, claims }, user] = await Promise.all([load(slug), getSessionUser()]);
  const { corrections } = await getArticleCorrections(slug);
  const ctx = { baseUrl: publicBaseUrl(), publisher: publisherName() };
  const reviews = claims.map((c) => buildClaimReview(c, article, ctx)).filter((r) => r !== null);
  const unplaced = claims.filter((c) => !c.placement);
  return (
    <main className="page article-page">
      <div className="article-meta">
        {article.byline && <p className="byline">By {article.byline}</p>}
        {article.publishedAt && <p className="muted">Published {formatDate(article.publishedAt)}</p>}
        {article.tags.length > 0 && (
          <ul className="tags" aria-label="Tags">
            {article.tags.map((t) => <li key={t}>{t}</li>)}
          </ul>
        )}
        {hasRole(user, REVIEW_ROLES) && (
          <p><Link className="button" href={`/articles/${article.slug}/review`}>Review</Link></p>
        )}
      </div>
      <VerdictSummary claims={claims} />
      <ReaderInteractions>
        <article className="article-body reader-body" data-testid="article-body">
          <ReaderMarks doc={article.version.doc} claims={claims} />
        </article>
      </ReaderInteractions>
      {corrections.length > 0 && (
        <section className="corrections" aria-labelledby="corrections-heading">
          <h2 id="corrections-heading">Corrections</h2>
          <ul>
            {corrections.map((c) => (
              <li key={c.version}><strong>Correction ({formatDate(new Date(c.date))}):</strong> {c.note}</li>
            ))}
          </ul>
        </section>
      )}
      {claims.length > 0 && (
        <section className="evidence-list" aria-labelledby="evidence-heading">
          <h2 id="evidence-heading">The evidence</h2>
          {unplaced.length > 0 && (
            <p className="muted">The article has changed since {unplaced.length === 1 ? "one check was" : `${unplaced.length} checks were`} made; {unplaced.length === 1 ? "it is" : "they are"} listed here without a highlight.</p>
          )}
          <ol>
            {claims.map((c) => (
              <li key={c.id} id={claimAnchorId(c.id)}>
                <Evidence claim={c} />
                {c.placement && <a href={`#mark-${c.id}`} className="muted">Show in the article</a>}
              </li>
            ))}
          </ol>
        </section>
      )}
      {article.sourceUrl && (
        <p className="muted">Source: <a href={article.sourceUrl} rel="noopener noreferrer nofollow">{article.sourceUrl}</a></p>
      )}
      {reviews.map((r) => (
        <script key={r.url} type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(r) }} />
      ))}
    </main>
  );
}
