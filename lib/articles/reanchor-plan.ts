import { describe as describeSpan, OffsetConverter, reanchor, RELOCATE_MIN_SUPPORT, type TextPositionSelector, type TextQuoteSelector } from "@/lib/anchoring";

/**
 * Plans what a new article version does to each claim (issue 7, "Re-anchoring on every new version").
 * Pure: texts and selectors in, one outcome per claim out. Applied to the database by save-version.ts.
 *
 * - moved: the claimed words were not touched (reanchor "moved", or "changed" with the same words):
 *   the claim moves to the new offsets on the new version.
 * - changed: the claimed words themselves changed; the claim sits on the new words and is stale
 *   until an editor confirms it or sends it back.
 * - needs-recheck: the words cannot be placed (reanchor "needs-recheck" or "orphaned"); the claim keeps
 *   its old version and selectors, so its old quote stays exact, and a person re-attaches it.
 */
export type TSelectors = [TextQuoteSelector, TextPositionSelector];
export type PlanClaim = { id: string; selectors: TSelectors; quote: string };
export type ClaimOutcome =
  | { id: string; outcome: "moved"; selectors: TSelectors; quote: string }
  | { id: string; outcome: "changed"; selectors: TSelectors; quote: string; oldQuote: string }
  | { id: string; outcome: "needs-recheck"; oldQuote: string };

/** The claim's span on the text its selectors were made on (UTF-16), or null if they do not fit it. */
export function spanOn(text: string, conv: OffsetConverter, selectors: TSelectors): { start: number; end: number } | null {
  const [quote, position] = selectors;
  const start = conv.toUtf16(position.start);
  const end = conv.toUtf16(position.end);
  return text.slice(start, end) === quote.exact ? { start, end } : null;
}

/** Characters on each side compared by {@link lostBothSides}. */
export const NEIGHBOUR_CHARS = 8;

/**
 * True when the words were kept but both of their neighbourhoods changed. The diff may then have paired
 * the claim's words with the same words somewhere else (a short quote like "the", inside a sentence that
 * moved: IteraTeR 104857#21); with nothing around them in common we cannot tell, so a person decides.
 * Only short quotes that occur more than once in the new text can be confused that way: a longer or
 * unique quote is the same words wherever the diff put it.
 */
export function lostBothSides(oldText: string, oldStart: number, oldEnd: number, newText: string, newStart: number, newEnd: number): boolean {
  const quote = oldText.slice(oldStart, oldEnd);
  if (quote.length >= RELOCATE_MIN_SUPPORT || newText.indexOf(quote) === newText.lastIndexOf(quote)) return false;
  const before = (text: string, at: number) => text.slice(Math.max(0, at - NEIGHBOUR_CHARS), at);
  const after = (text: string, at: number) => text.slice(at, at + NEIGHBOUR_CHARS);
  return before(oldText, oldStart) !== before(newText, newStart) && after(oldText, oldEnd) !== after(newText, newEnd);
}

export function planReanchor(oldText: string, newText: string, claims: PlanClaim[]): ClaimOutcome[] {
  const oldConv = new OffsetConverter(oldText);
  const newConv = new OffsetConverter(newText);
  const spans = claims.map((c) => spanOn(oldText, oldConv, c.selectors));
  const placeable = spans.map((s, i) => ({ s, i })).filter((x): x is { s: { start: number; end: number }; i: number } => x.s !== null);
  const results = reanchor(oldText, newText, placeable.map((x) => x.s));
  const out: ClaimOutcome[] = claims.map((c) => ({ id: c.id, outcome: "needs-recheck", oldQuote: c.quote }));
  placeable.forEach(({ s, i }, k) => {
    const r = results[k];
    const c = claims[i];
    if (r.status === "moved" && r.contextChanged && !r.relocated && lostBothSides(oldText, s.start, s.end, newText, r.start, r.end)) return;
    if (r.status === "moved" || (r.status === "changed" && !r.quoteChanged)) {
      const d = describeSpan(newText, r.start, r.end, newConv);
      out[i] = { id: c.id, outcome: "moved", selectors: [d.quote, d.position], quote: d.quote.exact };
    } else if (r.status === "changed" && r.end > r.start && newText.slice(r.start, r.end).trim()) {
      const d = describeSpan(newText, r.start, r.end, newConv);
      out[i] = { id: c.id, outcome: "changed", selectors: [d.quote, d.position], quote: d.quote.exact, oldQuote: c.quote };
    }
  });
  return out;
}
