import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import ReviewWorkspace from "@/components/review/review-workspace";
import { requirePageRole } from "@/lib/auth/session";
import { hasRole, REVIEW_ROLES } from "@/lib/auth/roles";
import { ARTICLE_EDIT_ROLES } from "@/lib/articles/authorize";
import { getReviewWorkspace } from "@/lib/claims/get-workspace";
import { isAppError } from "@/lib/errors";
import { pageSlug } from "@/lib/validation/page-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Review · Factmark" };

export default async function ReviewPage({ params }: { params: Promise<{ slug: string }> }) {
  const slug = pageSlug((await params).slug);
  const user = await requirePageRole(`/articles/${slug}/review`, ...REVIEW_ROLES);
  const workspace = await getReviewWorkspace(user, slug).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const { article, claims, intelligence } = workspace;
  return (
    <main className="page wide">
      <p className="breadcrumb"><Link href={`/articles/${article.slug}`}>← Back to the article</Link></p>
      <h1 className="visually-hidden">Review: {article.title}</h1>
      <ReviewWorkspace
        slug={article.slug}
        articleId={article.id}
        articleVersionId={article.version.id}
        plainText={article.version.plainText}
        doc={article.version.doc}
        initialClaims={claims}
        currentUserId={user.id}
        canReattach={hasRole(user, ARTICLE_EDIT_ROLES)}
        intelligence={intelligence}
      />
    </main>
  );
}
