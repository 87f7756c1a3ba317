// What a reader sees of a checked claim. Client-safe: the page passes these to the evidence popover.
import { z } from "zod";
import { STANCES, VERDICTS, type TVerdict } from "@/lib/verdicts";

export const ZSourceSnapshot = z.object({
  url: z.string(),
  title: z.string(),
  publisher: z.string().nullable(),
  publishedAt: z.string().nullable(),
  accessedAt: z.string().nullable(),
  excerpt: z.string().nullable(),
  stance: z.enum(STANCES),
  /** Set when read (lib/snapshots/attach.ts), never stored: the archived copy and whether the page changed since (issue 18). */
  archive: z.object({ id: z.string(), fetchedAt: z.string(), warning: z.enum(["CHANGED", "GONE"]).nullable() }).nullable().optional(),
});
export const ZSourceSnapshots = z.array(ZSourceSnapshot);
export type TSourceSnapshot = z.infer<typeof ZSourceSnapshot>;

export type PublishedClaimView = {
  id: string;
  quote: string;
  verdict: TVerdict;
  explanation: string;
  sources: TSourceSnapshot[];
  reviewer: string;
  approvedBy: string;
  approvedAt: string;
  retraction: { at: string; by: string; reason: string } | null;
  /** Set when the article's words under the check changed after approval, until an editor confirms it. */
  changedSince: string | null;
  /** Where the approved words sit on the current text (UTF-16 offsets), or null when they cannot be placed with confidence. */
  placement: { start: number; end: number } | null;
};

export function isLive(c: PublishedClaimView): boolean {
  return c.retraction === null;
}

export function verdictCounts(claims: PublishedClaimView[]): { verdict: TVerdict; count: number }[] {
  return VERDICTS.map((verdict) => ({ verdict, count: claims.filter((c) => isLive(c) && c.verdict === verdict).length })).filter((v) => v.count > 0);
}
