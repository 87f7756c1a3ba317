import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { assertCanEditArticles } from "./authorize";
import { getCurrentArticle, type CurrentArticle } from "./read-articles";
import { listStaleClaims, type StaleClaim } from "./stale-claims";
import { placeClaim } from "@/lib/claims/claim-rows";
import type { TVerdict } from "@/lib/verdicts";

/** A claim's place in the current text, for the edit page's highlights and its "this edit changes …" warning (issue 17). */
export type EditHighlight = { id: string; start: number; end: number; verdict: TVerdict; approved: boolean };

/** What the edit page needs: the current version, how many claims a save will re-anchor, where they sit, and the claims waiting for an editor. */
export async function getArticleForEditing(actor: SessionUser | null, slug: string): Promise<{ article: CurrentArticle; claimCount: number; staleClaims: StaleClaim[]; highlights: EditHighlight[] }> {
  assertCanEditArticles(actor);
  const article = await getCurrentArticle(slug);
  const prisma = await getPrisma();
  const [rows, staleClaims] = await Promise.all([
    prisma.claim.findMany({ where: { articleId: article.id, deletedAt: null }, select: { id: true, selectors: true, verdict: true, state: true, stale: true }, orderBy: { createdAt: "asc" } }),
    listStaleClaims(actor, slug),
  ]);
  const highlights: EditHighlight[] = [];
  for (const r of rows) {
    if (r.stale === "NEEDS_RECHECK") continue;
    const placement = placeClaim(r.selectors as Parameters<typeof placeClaim>[0], article.version.plainText);
    if (placement.status === "placed") highlights.push({ id: r.id, start: placement.start, end: placement.end, verdict: r.verdict, approved: r.state === "APPROVED" });
  }
  return { article, claimCount: rows.length, staleClaims, highlights };
}
