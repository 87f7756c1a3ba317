import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import ArticleView from "@/components/editor/article-view";
import { getCurrentArticle, type CurrentArticle } from "@/lib/articles/read-articles";
import { getSessionUser } from "@/lib/auth/session";
import { hasRole, REVIEW_ROLES } from "@/lib/auth/roles";
import { isAppError } from "@/lib/errors";
import { formatDate } from "@/lib/format";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

async function load(slug: string): Promise<CurrentArticle> {
  try {
    return await getCurrentArticle(slug);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  try {
    return { title: `${(await getCurrentArticle(slug)).title} · Factmark` };
  } catch {
    return { title: "Not found · Factmark" };
  }
}

export default async function ArticlePage({ params }: Props) {
  const { slug } = await params;
  const [article, user] = await Promise.all([load(slug), getSessionUser()]);
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
      <ArticleView doc={article.version.doc} />
      {article.sourceUrl && (
        <p className="muted">Source: <a href={article.sourceUrl} rel="noopener noreferrer nofollow">{article.sourceUrl}</a></p>
      )}
    </main>
  );
}
