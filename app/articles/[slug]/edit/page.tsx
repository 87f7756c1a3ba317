import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import ArticleDetailsForm from "@/components/articles/article-details-form";
import EditArticleForm from "@/components/articles/edit-article-form";
import { listDetailsChanges } from "@/lib/articles/article-details";
import { ARTICLE_EDIT_ROLES } from "@/lib/articles/authorize";
import { getArticleForEditing } from "@/lib/articles/get-article-for-editing";
import { requirePageRole } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { pageSlug } from "@/lib/validation/page-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit article · Factmark" };

export default async function EditArticlePage({ params }: { params: Promise<{ slug: string }> }) {
  const slug = pageSlug((await params).slug);
  const user = await requirePageRole(`/articles/${slug}/edit`, ...ARTICLE_EDIT_ROLES);
  const data = await getArticleForEditing(user, slug).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const { article, claimCount, staleClaims, highlights } = data;
  const detailsChanges = await listDetailsChanges(user, slug);
  return (
    <main className="page">
      <p className="breadcrumb"><Link href={`/articles/${slug}`}>← Back to the article</Link></p>
      <h1>Edit: {article.title}</h1>
      <section aria-labelledby="details-heading" className="stack">
        <h2 id="details-heading">Details</h2>
        <ArticleDetailsForm
          key={`${article.title}|${article.byline}|${article.sourceUrl}|${article.publishedAt?.toISOString()}`}
          slug={slug}
          details={{ title: article.title, byline: article.byline, sourceUrl: article.sourceUrl, publishedAt: article.publishedAt?.toISOString().slice(0, 10) ?? null }}
        />
        {detailsChanges.length > 0 && (
          <details>
            <summary>History of the details ({detailsChanges.length})</summary>
            <ul data-testid="details-history">
              {detailsChanges.map((c) => (
                <li key={c.id}>
                  {c.actor}, {new Date(c.at).toISOString().slice(0, 16).replace("T", " ")} UTC:{" "}
                  {c.changes.map((x) => `${x.label} “${x.from ?? "(none)"}” → “${x.to ?? "(none)"}”`).join("; ")}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
      <h2>Text</h2>
      <EditArticleForm
        slug={slug}
        versionId={article.version.id}
        versionNumber={article.version.number}
        plainText={article.version.plainText}
        doc={article.version.doc}
        claimCount={claimCount}
        staleClaims={staleClaims}
        claims={highlights}
      />
    </main>
  );
}
