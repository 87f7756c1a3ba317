import "server-only";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ZArticleDoc, type TArticleDoc } from "./document";

export type ArticleSummary = { slug: string; title: string; byline: string | null; publishedAt: Date | null; tags: string[]; updatedAt: Date };

export type CurrentArticle = ArticleSummary & {
  id: string;
  sourceUrl: string | null;
  version: { id: string; number: number; plainText: string; doc: TArticleDoc; createdAt: Date };
};

/** The article with its latest version; NOT_FOUND for an unknown slug. */
export async function getCurrentArticle(slug: string): Promise<CurrentArticle> {
  const prisma = await getPrisma();
  const article = await prisma.article.findUnique({
    where: { slug },
    // Only what readers and reviewers need of the version: its re-anchoring report can be large.
    include: { versions: { orderBy: { number: "desc" }, take: 1, select: { id: true, number: true, plainText: true, doc: true, createdAt: true } } },
  });
  const latest = article?.versions[0];
  if (!article || !latest) throw new AppError("NOT_FOUND", "There is no article at this address.");
  // Stored documents were validated on the way in; parsing again guards the renderer against a bad row.
  const doc = ZArticleDoc.parse(latest.doc);
  return {
    id: article.id,
    slug: article.slug,
    title: article.title,
    byline: article.byline,
    sourceUrl: article.sourceUrl,
    publishedAt: article.publishedAt,
    tags: article.tags,
    updatedAt: article.updatedAt,
    version: { id: latest.id, number: latest.number, plainText: latest.plainText, doc, createdAt: latest.createdAt },
  };
}
