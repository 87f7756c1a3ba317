import "server-only";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** The note readers see on an approved check whose words changed after it was made (issue 7). */
export const CHANGED_AFTER_CHECK_NOTE = "The article changed here after this check";

/** A correction note as newsrooms print them under the article. */
export type CorrectionNote = { version: number; note: string; date: string };

export type ArticleCorrections = {
  /** Correction notes, newest first. */
  corrections: CorrectionNote[];
  /** Published checks whose words changed since approval: shown with CHANGED_AFTER_CHECK_NOTE. */
  changedChecks: { claimId: string; checkedQuote: string; note: string; since: string }[];
};

/** Public data for the reader page: readers see published snapshots only, never drafts or stale markers of unapproved claims. */
export async function getArticleCorrections(slug: string): Promise<ArticleCorrections> {
  const prisma = await getPrisma();
  const article = await prisma.article.findUnique({ where: { slug }, select: { id: true } });
  if (!article) throw new AppError("NOT_FOUND", "There is no article at this address.");
  const [corrections, changed] = await Promise.all([
    getCorrectionNotes(article.id),
    prisma.publishedClaim.findMany({ where: { articleId: article.id, staleAt: { not: null }, retractedAt: null }, orderBy: { staleAt: "asc" }, select: { claimId: true, quote: true, staleAt: true } }),
  ]);
  return {
    corrections,
    changedChecks: changed.map((p) => ({ claimId: p.claimId, checkedQuote: p.quote, note: CHANGED_AFTER_CHECK_NOTE, since: p.staleAt!.toISOString() })),
  };
}

/** The article's correction notes, newest first. */
export async function getCorrectionNotes(articleId: string): Promise<CorrectionNote[]> {
  const prisma = await getPrisma();
  const versions = await prisma.articleVersion.findMany({
    where: { articleId, correctionNote: { not: null } },
    orderBy: { number: "desc" },
    select: { number: true, correctionNote: true, createdAt: true },
  });
  return versions.map((v) => ({ version: v.number, note: v.correctionNote!, date: v.createdAt.toISOString() }));
}
