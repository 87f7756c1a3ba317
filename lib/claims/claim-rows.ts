import "server-only";
import { anchor, type TextPositionSelector, type TextQuoteSelector } from "@/lib/anchoring";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/roles";
import { canEditClaim } from "./access";
import type { ClaimDto, ClaimPlacement } from "./claim-dto";

export const CLAIM_INCLUDE = {
  author: { select: { id: true, name: true } },
  updatedBy: { select: { id: true, name: true } },
  sources: { orderBy: { position: "asc" } },
} satisfies Prisma.ClaimInclude;

export type ClaimRow = Prisma.ClaimGetPayload<{ include: typeof CLAIM_INCLUDE }>;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** Places a claim on the current text with its own selectors; anything uncertain is "needs re-check", never a guess. */
export function placeClaim(selectors: [TextQuoteSelector, TextPositionSelector], currentText: string): ClaimPlacement {
  const result = anchor(currentText, selectors);
  return result.status === "anchored" ? { status: "placed", start: result.start, end: result.end } : { status: "needs-recheck" };
}

export function toClaimDto(row: ClaimRow, actor: SessionUser, currentText: string): ClaimDto {
  const selectors = row.selectors as unknown as [TextQuoteSelector, TextPositionSelector];
  return {
    id: row.id,
    articleVersionId: row.articleVersionId,
    quote: row.quote,
    selectors,
    verdict: row.verdict,
    explanation: row.explanation,
    tags: row.tags,
    state: row.state,
    version: row.version,
    author: row.author,
    updatedBy: row.updatedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    sources: row.sources.map((s) => ({
      id: s.id,
      url: s.url,
      title: s.title,
      publisher: s.publisher,
      publishedAt: day(s.publishedAt),
      accessedAt: day(s.accessedAt),
      excerpt: s.excerpt,
      stance: s.stance,
    })),
    // A claim that re-anchoring could not place (issue 7) waits for a person even if its old words happen to occur.
    placement: row.stale === "NEEDS_RECHECK" ? { status: "needs-recheck" } : placeClaim(selectors, currentText),
    canEdit: canEditClaim(actor, row),
  };
}

/** What the event log keeps of a claim: its editable fields, compared before and after a write. */
export function claimSnapshot(row: ClaimRow) {
  return {
    verdict: row.verdict,
    explanation: row.explanation,
    tags: row.tags,
    state: row.state,
    version: row.version,
    sources: row.sources.map((s) => ({ url: s.url, title: s.title, publisher: s.publisher, publishedAt: day(s.publishedAt), accessedAt: day(s.accessedAt), excerpt: s.excerpt, stance: s.stance })),
  };
}
