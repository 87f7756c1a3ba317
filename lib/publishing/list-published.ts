import "server-only";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TVerdict } from "@/lib/verdicts";

export type PublishedClaimDto = {
  claimId: string;
  claimVersion: number;
  quote: string;
  selectors: unknown;
  verdict: TVerdict;
  explanation: string;
  sources: unknown;
  approvedAt: string;
  /** Set when the check was withdrawn: readers see that, and why, rather than silence. */
  retraction: { at: string; reason: string | null } | null;
};

/** What anyone may read of an article's checks: the approved snapshots only (no drafts, pending revisions or comments). */
export async function listPublishedClaims(slug: string): Promise<PublishedClaimDto[]> {
  const prisma = await getPrisma();
  const article = await prisma.article.findUnique({ where: { slug }, select: { id: true } });
  if (!article) throw new AppError("NOT_FOUND", "That article does not exist.");
  const rows = await prisma.publishedClaim.findMany({ where: { articleId: article.id }, orderBy: { approvedAt: "asc" } });
  return rows.map((p) => ({
    claimId: p.claimId,
    claimVersion: p.claimVersion,
    quote: p.quote,
    selectors: p.selectors,
    verdict: p.verdict,
    explanation: p.explanation,
    sources: p.sources,
    approvedAt: p.approvedAt.toISOString(),
    retraction: p.retractedAt ? { at: p.retractedAt.toISOString(), reason: p.retractionReason } : null,
  }));
}
