import Link from "next/link";
import { notFound } from "next/navigation";
import { getCurrentArticle } from "@/lib/articles/read-articles";
import { requirePageRole } from "@/lib/auth/session";
import { REVIEW_ROLES } from "@/lib/auth/roles";
import { isAppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export default async function ReviewPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requirePageRole(`/articles/${slug}/review`, ...REVIEW_ROLES);
  const article = await getCurrentArticle(slug).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <main className="page narrow">
      <h1>Review: {article.title}</h1>
      <p>
        The reviewer workspace, where you highlight a claim and attach a verdict and sources, is being built and is not
        available yet. Nothing can be saved here for now.
      </p>
      <p><Link href={`/articles/${article.slug}`}>Back to the article</Link></p>
    </main>
  );
}
