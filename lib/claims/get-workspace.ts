import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { getCurrentArticle, type CurrentArticle } from "@/lib/articles/read-articles";
import { getPrisma } from "@/lib/db/client";
import { getWorkspaceIntelligence, type WorkspaceIntelligence } from "@/lib/intelligence/workspace-intelligence";
import { attachArchives } from "@/lib/snapshots/attach";
import { assertCanReview, visibleClaimWhere } from "./access";
import type { ClaimDto } from "./claim-dto";
import { CLAIM_INCLUDE, toClaimDto } from "./claim-rows";

export type ReviewWorkspace = { article: CurrentArticle; claims: ClaimDto[]; intelligence: WorkspaceIntelligence };

/** Everything the reviewer workspace shows: the current article and every live claim on it, in document order. */
export async function getReviewWorkspace(actor: SessionUser, slug: string): Promise<ReviewWorkspace> {
  assertCanReview(actor);
  const article = await getCurrentArticle(slug);
  const claims = await listClaimDtos(actor, article);
  return { article, claims, intelligence: await getWorkspaceIntelligence(actor, article, claims) };
}

/**
 * The workspace's claims without its suggestions: what a live update re-reads (issue 15), so a
 * colleague's save costs one claims query per open workspace, not the intelligence pass.
 */
export async function getWorkspaceClaims(actor: SessionUser, slug: string): Promise<Omit<ReviewWorkspace, "intelligence">> {
  assertCanReview(actor);
  const article = await getCurrentArticle(slug);
  return { article, claims: await listClaimDtos(actor, article) };
}

export async function listClaimDtos(actor: SessionUser, article: CurrentArticle): Promise<ClaimDto[]> {
  assertCanReview(actor);
  const prisma = await getPrisma();
  const rows = await prisma.claim.findMany({ where: { articleId: article.id, ...visibleClaimWhere(actor) }, include: CLAIM_INCLUDE, orderBy: { createdAt: "asc" } });
  const claims = await attachArchives(prisma, rows.map((row) => toClaimDto(row, actor, article.version.plainText)));
  const startOf = (c: ClaimDto) => (c.placement.status === "placed" ? c.placement.start : Number.MAX_SAFE_INTEGER);
  const endOf = (c: ClaimDto) => (c.placement.status === "placed" ? c.placement.end : Number.MAX_SAFE_INTEGER);
  return claims.sort((a, b) => startOf(a) - startOf(b) || endOf(b) - endOf(a) || a.createdAt.localeCompare(b.createdAt));
}
