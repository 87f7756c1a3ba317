import "server-only";
import { getPrisma } from "@/lib/db/client";
import type { ArticleRef } from "@/lib/publishing/claimreview";

/**
 * The articles in which the same claim was approved (issue 16 §3): a claim and every claim that
 * reused it ("Reuse this check") count as one claim. Keyed by each given published claim id.
 */
export async function findAppearances(claimIds: string[]): Promise<Map<string, ArticleRef[]>> {
  const result = new Map<string, ArticleRef[]>();
  if (!claimIds.length) return result;
  const prisma = await getPrisma();
  const claims = await prisma.claim.findMany({ where: { id: { in: claimIds } }, select: { id: true, basedOnClaimId: true } });
  const rootOf = new Map(claims.map((c) => [c.id, c.basedOnClaimId ?? c.id]));
  const roots = [...new Set(rootOf.values())];
  const related = await prisma.publishedClaim.findMany({
    where: { retractedAt: null, OR: [{ claimId: { in: roots } }, { claim: { basedOnClaimId: { in: roots } } }] },
    select: { claimId: true, claim: { select: { basedOnClaimId: true } }, article: { select: { slug: true, title: true, byline: true, sourceUrl: true, publishedAt: true } } },
  });
  const byRoot = new Map<string, ArticleRef[]>();
  for (const r of related) {
    const root = r.claim.basedOnClaimId ?? r.claimId;
    const list = byRoot.get(root) ?? [];
    if (!list.some((a) => a.slug === r.article.slug)) list.push(r.article);
    byRoot.set(root, list);
  }
  for (const [id, root] of rootOf) result.set(id, byRoot.get(root) ?? []);
  return result;
}
