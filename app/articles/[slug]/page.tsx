import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import PublishedArticleBody from "@/components/article/published-article-body";
import VerdictSummary from "@/components/article/verdict-summary";
import EmbedCode from "@/components/embed/embed-code";
import { ARTICLE_EDIT_ROLES } from "@/lib/articles/authorize";
import { embedSnippet } from "@/lib/embed/snippet";
import { getPageSessionUser } from "@/lib/auth/session";
import { hasRole, REVIEW_ROLES } from "@/lib/auth/roles";
import { isAppError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { getPublishedArticle, type PublishedArticle } from "@/lib/publishing/read-published";
import { prepareReaderBody } from "@/lib/publishing/reader-body";
import { publicBaseUrl, publisherName } from "@/lib/publishing/site";
import { pageSlug } from "@/lib/validation/page-params";

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
  const slug = pageSlug((await params).slug);
  try {
    const { article } = await getPublishedArticle(slug);
    return { title: `${article.title} · Factmark` };
  } catch {
    return { title: "Not found · Factmark" };
  }
}

export default async function ArticlePage({ params }: Props) {
  const slug = pageSlug((await params).slug);
  const [{ article, claims, corrections, contentKey }, user] = await Promise.all([load(slug), getPageSessionUser()]);
  const reviewContext = { baseUrl: publicBaseUrl(), publisher: publisherName() };
  const articleRef = { slug: article.slug, title: article.title, byline: article.byline, sourceUrl: article.sourceUrl, publishedAt: article.publishedAt };
  const body = prepareReaderBody(contentKey, article.version.doc, claims, articleRef, reviewContext);
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
      <PublishedArticleBody contentKey={contentKey} claimCount={claims.length} unplaced={claims.filter((c) => !c.placement).length} hasJsonLd={body.jsonLd !== ""}>
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
      </PublishedArticleBody>
      {article.sourceUrl && (
        <p className="muted">Source: <a href={article.sourceUrl} rel="noopener noreferrer nofollow">{article.sourceUrl}</a></p>
      )}
      {hasRole(user, ARTICLE_EDIT_ROLES) && <EmbedCode snippet={embedSnippet(publicBaseUrl(), article.slug)} />}
    </main>
  );
}
