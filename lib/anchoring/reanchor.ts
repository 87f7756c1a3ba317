import { CONTEXT_LENGTH } from "./describe";
import { computeTextDiff, type ChangeGroup, type EqualSegment, type TextDiff } from "./diff";
import { commonPrefixRun, commonSuffixRun } from "./similarity";
import type { ReanchorResult, Span } from "./types";

/**
 * Re-anchoring across two versions of an article (issue 3, "reanchor"). We hold both texts, so we do not
 * search: we diff them once and push every span through the diff. See docs/anchoring.md.
 */

/**
 * A touched span is `changed` (placed, words may differ) when at least this fraction of the longer of
 * old quote / new quote is text the diff kept; below it the span is `needs-recheck`, and with nothing kept `orphaned`.
 */
export const CHANGED_MIN_SIMILARITY = 0.5;
/**
 * A span whose every character was deleted is looked for as a moved block: the exact quote inside inserted
 * text, with at least this many characters of its old context matching exactly around it, and only one such place.
 */
export const RELOCATE_MIN_CONTEXT = 32;

function segmentAt(equals: EqualSegment[], offset: number): number {
  // index of the last segment with oldStart <= offset, or -1
  let lo = 0;
  let hi = equals.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (equals[mid].oldStart <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function groupAt(changes: ChangeGroup[], offset: number): ChangeGroup | null {
  // the change group whose old range contains offset (oldStart <= offset < oldEnd)
  let lo = 0;
  let hi = changes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (changes[mid].oldStart <= offset) lo = mid + 1;
    else hi = mid;
  }
  const g = changes[lo - 1];
  return g && offset < g.oldEnd ? g : null;
}

/** Maps an old start offset: exact inside kept text, else the start of the replacement that swallowed it. */
function mapStart(diff: TextDiff, s: number, newLength: number): number {
  const k = segmentAt(diff.equals, s);
  const seg = diff.equals[k];
  if (seg && s < seg.oldStart + seg.length) return seg.newStart + (s - seg.oldStart);
  const g = groupAt(diff.changes, s);
  if (g) return g.newStart;
  return newLength; // s is at the very end of the old text
}

/** Maps an old end offset (exclusive): exact if the last character was kept, else the end of its replacement. */
function mapEnd(diff: TextDiff, e: number): number {
  if (e === 0) return 0;
  const k = segmentAt(diff.equals, e - 1);
  const seg = diff.equals[k];
  if (seg && e - 1 < seg.oldStart + seg.length) return seg.newStart + (e - seg.oldStart);
  const g = groupAt(diff.changes, e - 1);
  return g ? g.newEnd : 0;
}

/** Characters of old[s, e) that the diff kept. */
function keptInside(equals: EqualSegment[], s: number, e: number): number {
  let k = Math.max(0, segmentAt(equals, s));
  let kept = 0;
  for (; k < equals.length && equals[k].oldStart < e; k++) {
    const seg = equals[k];
    const a = Math.max(s, seg.oldStart);
    const b = Math.min(e, seg.oldStart + seg.length);
    if (b > a) kept += b - a;
  }
  return kept;
}

/** Exact relocation of a deleted span into inserted text (a moved paragraph); null unless unique and well supported. */
function relocate(oldText: string, newText: string, diff: TextDiff, s: number, e: number): Span | null {
  const quote = oldText.slice(s, e);
  if (quote.length === 0) return null;
  const prefix = oldText.slice(Math.max(0, s - CONTEXT_LENGTH), s);
  const suffix = oldText.slice(e, e + CONTEXT_LENGTH);
  let found: Span | null = null;
  for (const g of diff.changes) {
    if (g.newEnd - g.newStart < quote.length) continue;
    for (let i = newText.indexOf(quote, g.newStart); i !== -1 && i + quote.length <= g.newEnd; i = newText.indexOf(quote, i + 1)) {
      const support = commonSuffixRun(prefix, newText, i) + commonPrefixRun(suffix, newText, i + quote.length);
      if (support < Math.min(RELOCATE_MIN_CONTEXT, prefix.length + suffix.length)) continue;
      if (found) return null; // two places: ambiguous
      found = { start: i, end: i + quote.length };
    }
  }
  return found;
}

/** Re-anchors one span through a precomputed diff. */
export function reanchorSpan(oldText: string, newText: string, diff: TextDiff, span: Span): ReanchorResult {
  const { start: s, end: e } = span;
  const oldQuote = oldText.slice(s, e);
  const k = segmentAt(diff.equals, s);
  const seg = diff.equals[k];
  const segEnd = seg ? seg.oldStart + seg.length : -1;
  // Untouched: the whole span sits inside one kept segment (an empty span may sit on either edge of one).
  if (seg && (s < segEnd || (s === e && s === segEnd)) && e <= segEnd) {
    const start = seg.newStart + (s - seg.oldStart);
    const end = start + (e - s);
    // A segment edge is an edit boundary unless it is also the edge of both texts.
    const editBefore = s === seg.oldStart && (s > 0 || seg.newStart > 0);
    const editAfter = e === segEnd && (e < oldText.length || seg.newStart + seg.length < newText.length);
    const contextChanged = editBefore || editAfter;
    return { status: "moved", start, end, contextChanged, relocated: false };
  }
  if (s === e) {
    // An empty span inside deleted text: there is nothing to compare, so it cannot be placed with confidence.
    const g = groupAt(diff.changes, s);
    return g ? { status: "needs-recheck", oldQuote } : { status: "moved", start: newText.length, end: newText.length, contextChanged: true, relocated: false };
  }
  const kept = keptInside(diff.equals, s, e);
  const ns = mapStart(diff, s, newText.length);
  const ne = Math.max(ns, mapEnd(diff, e));
  const newQuote = newText.slice(ns, ne);
  const similarity = kept / Math.max(e - s, ne - ns);
  if (similarity >= CHANGED_MIN_SIMILARITY) {
    return { status: "changed", start: ns, end: ne, oldQuote, newQuote, quoteChanged: newQuote !== oldQuote, similarity: Math.round(similarity * 1000) / 1000 };
  }
  const moved = relocate(oldText, newText, diff, s, e);
  if (moved) return { status: "moved", start: moved.start, end: moved.end, contextChanged: true, relocated: true };
  return kept === 0 ? { status: "orphaned", oldQuote } : { status: "needs-recheck", oldQuote };
}

/**
 * Moves claims from `oldText` to `newText`. Spans and results are JS UTF-16 offsets.
 * Throws RangeError for a span outside `oldText` or with start > end.
 */
export function reanchor(oldText: string, newText: string, spans: Span[]): ReanchorResult[] {
  for (const sp of spans) {
    if (!Number.isInteger(sp.start) || !Number.isInteger(sp.end) || sp.start < 0 || sp.end > oldText.length || sp.start > sp.end) {
      throw new RangeError(`span [${sp.start}, ${sp.end}) is outside the old text (length ${oldText.length}) or reversed`);
    }
  }
  if (spans.length === 0) return [];
  if (oldText === newText) return spans.map((sp) => ({ status: "moved", start: sp.start, end: sp.end, contextChanged: false, relocated: false }));
  const diff = computeTextDiff(oldText, newText);
  return spans.map((sp) => reanchorSpan(oldText, newText, diff, sp));
}
