/**
 * W3C Web Annotation selectors (https://www.w3.org/TR/annotation-model/#selectors).
 * Offsets in a TextPositionSelector are Unicode code points, as the W3C model says.
 */
export type TextQuoteSelector = { type: "TextQuoteSelector"; exact: string; prefix?: string; suffix?: string };
export type TextPositionSelector = { type: "TextPositionSelector"; start: number; end: number };
export type Selector = TextQuoteSelector | TextPositionSelector;

/** A half-open span [start, end) of JS UTF-16 code units. */
export type Span = { start: number; end: number };

export type AnchorCandidate = { start: number; end: number; score: number };

/** Result of {@link anchor}; offsets are JS UTF-16 code units. */
export type AnchorResult =
  | { status: "anchored"; start: number; end: number; score: number; method: "position" | "quote" | "fuzzy" }
  | { status: "needs-recheck"; candidates: AnchorCandidate[] }
  | { status: "orphaned" };

/**
 * Result of {@link reanchor}; offsets are JS UTF-16 code units on the new text.
 *
 * - `moved`: no edit touched the span's characters. `start`/`end` are the exact shifted offsets and
 *   `newText.slice(start, end) === oldText.slice(oldStart, oldEnd)`. `contextChanged` is true when an edit
 *   ends or starts exactly at a boundary of the span (the words are identical, but what surrounds them changed,
 *   e.g. "Leicester" → "Leicester" + "shire"); callers may want to show that, it does not invalidate a verdict.
 * - `changed`: an edit touched the span, but enough of its characters survive at the same place
 *   (see docs/anchoring.md, "reanchor tolerance"). `quoteChanged` is `oldQuote !== newQuote`; when true, an approved
 *   verdict on the span must go back to review.
 * - `needs-recheck`: the edit rewrote most of the span; a person must place it again.
 * - `orphaned`: every character of the span was deleted.
 */
export type ReanchorResult =
  | { status: "moved"; start: number; end: number; contextChanged: boolean; relocated: boolean }
  | { status: "changed"; start: number; end: number; oldQuote: string; newQuote: string; quoteChanged: boolean; similarity: number }
  | { status: "needs-recheck"; oldQuote: string }
  | { status: "orphaned"; oldQuote: string };
