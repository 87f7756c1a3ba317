// The JSON of GET /api/embed/checks (issue 14): what the server sends and the embed script reads.
import type { TextQuoteSelector } from "../anchoring/types";
import type { TStance, TVerdict } from "../verdicts";

export type EmbedSource = { url: string; title: string; publisher: string | null; stance: TStance };
export type EmbedCheck = {
  id: string;
  quote: string;
  /** The W3C TextQuoteSelector only: positions count Factmark's text, not the publisher's page. */
  selector: TextQuoteSelector;
  verdict: TVerdict;
  explanation: string;
  sources: EmbedSource[];
  checkedBy: string;
  approvedBy: string;
  approvedAt: string;
  /** Set when Factmark's copy of the article changed under the words after approval. */
  changedSince: string | null;
};
export type EmbedPayload = { article: { slug: string; title: string; url: string }; checks: EmbedCheck[] };
