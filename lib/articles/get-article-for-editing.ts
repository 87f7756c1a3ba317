import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { assertCanEditArticles } from "./authorize";
import { getCurrentArticle, type CurrentArticle } from "./read-articles";
import { listStaleClaims, type StaleClaim } from "./stale-claims";

/** What the edit page needs: the current version, how many claims a save will re-anchor, and the claims waiting for an editor. */
export async function getArticleForEditing(actor: SessionUser | null, slug: string): Promise<{ article: CurrentArticle; claimCount: number; staleClaims: StaleClaim[] }> {
  assertCanEditArticles(actor);
  const article = await getCurrentArticle(slug);
  const prisma = await getPrisma();
  const [claimCount, staleClaims] = await Promise.all([prisma.claim.count({ where: { articleId: article.id, deletedAt: null } }), listStaleClaims(actor, slug)]);
  return { article, claimCount, staleClaims };
}
