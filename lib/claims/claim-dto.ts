// The claim as the workspace sees it. Client-safe types only.
import type { TextPositionSelector, TextQuoteSelector } from "@/lib/anchoring";
import type { TStance, TVerdict } from "@/lib/verdicts";
import type { SourceArchive } from "@/lib/snapshots/status";

export type TReviewState = "DRAFT" | "SUBMITTED" | "CHANGES_REQUESTED" | "APPROVED" | "RETRACTED";

export type SourceDto = {
  id: string;
  url: string;
  title: string;
  publisher: string | null;
  publishedAt: string | null;
  accessedAt: string | null;
  excerpt: string | null;
  stance: TStance;
  /** The page as Factmark archived it, and whether it changed since (issue 18); absent until fetched. */
  archive?: SourceArchive | null;
};

export type ClaimPlacement = { status: "placed"; start: number; end: number } | { status: "needs-recheck" };

export type ClaimDto = {
  id: string;
  articleVersionId: string;
  quote: string;
  selectors: [TextQuoteSelector, TextPositionSelector];
  verdict: TVerdict;
  explanation: string;
  tags: string[];
  state: TReviewState;
  version: number;
  author: { id: string; name: string };
  updatedBy: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  sources: SourceDto[];
  /** Where the claim sits on the article's current text (UTF-16 offsets), or why it cannot be shown. */
  placement: ClaimPlacement;
  /** Whether the signed-in user may edit and delete it. */
  canEdit: boolean;
};
