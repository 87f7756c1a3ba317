import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import EditArticleForm from "@/components/articles/edit-article-form";
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
  const { article, claimCount, staleClaims } = data;
  return (
    <main className="page">
      <p className="breadcrumb"><Link href={`/articles/${slug}`}>← Back to the article</Link></p>
      <h1>Edit: {article.title}</h1>
      <EditArticleForm
        slug={slug}
        versionId={article.version.id}
        versionNumber={article.version.number}
        plainText={article.version.plainText}
        doc={article.version.doc}
        claimCount={claimCount}
        staleClaims={staleClaims}
      />
    </main>
  );
}
