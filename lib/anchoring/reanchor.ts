import { editScore } from "./boundary";
import { computeTextDiff, type ChangeGroup, type EqualSegment, type TextDiff } from "./diff";
import type { ReanchorResult, Span } from "./types";
import { partitionPoint } from "./sorted";

/**
 * Re-anchoring across two versions of an article (issue 3, "reanchor"). We hold both texts, so we do not
 * search: we diff them once and push every span through the diff. See docs/anchoring.md.
 */

/**
 * A touched span is `changed` (placed, words may differ) when at least this fraction of the longer of
 * old quote / new quote is text the diff kept; below it the span is `needs-recheck`, and with nothing kept `orphaned`.
 */
export const CHANGED_MIN_SIMILARITY = 0.5;
/** A touched span of which less than this fraction survives (and that was not relocated) is `orphaned`. */
export const ORPHAN_MAX_KEPT = 0.2;
/**
 * A span the edit touched is first looked for as part of a moved block: its exact quote inside inserted text,
 * where quote + exactly matching old context around it make at least this many characters, at exactly one
 * place. 32 is the W3C-style context length we keep on each side: shorter shared pieces are coincidences of
 * wording ("released yesterday"), not moves.
 */
export const RELOCATE_MIN_SUPPORT = 32;

function segmentAt(equals: EqualSegment[], offset: number): number {
  // index of the last segment with oldStart <= offset, or -1
  return partitionPoint(0, equals.length, (i) => equals[i].oldStart <= offset) - 1;
}

function groupAt(changes: ChangeGroup[], offset: number): ChangeGroup | null {
  // the change group whose old range contains offset (oldStart <= offset < oldEnd)
  const lo = partitionPoint(0, changes.length, (i) => changes[i].oldStart <= offset);
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

/** Characters of new[a, b) that the (minimal) diff marks as inserted. */
function insertedInside(changes: ChangeGroup[], a: number, b: number): number {
  const lo = partitionPoint(0, changes.length, (i) => changes[i].newEnd <= a);
  let n = 0;
  for (let k = lo; k < changes.length && changes[k].newStart < b; k++) {
    const x = Math.max(a, changes[k].newStart);
    const y = Math.min(b, changes[k].newEnd);
    if (y > x) n += y - x;
  }
  return n;
}

/**
 * Exact relocation of a touched span into new text (a moved sentence or paragraph); null unless there is exactly
 * one well-supported place. The place must be mostly inserted text: an untouched copy of the same sentence
 * elsewhere is the image of *other* old text, and a claim on deleted words must not jump onto it.
 */
function relocate(oldText: string, newText: string, diff: TextDiff, s: number, e: number): Span | null {
  const quote = oldText.slice(s, e);
  if (quote.length === 0) return null;
  let best: { at: number; support: number } | null = null;
  let second = 0;
  let searchedTo = 0;
  for (const g of diff.semanticChanges()) {
    if (g.newEnd === g.newStart) continue;
    const from = Math.max(searchedTo, g.newStart - quote.length);
    const to = Math.min(newText.length, g.newEnd + quote.length);
    for (let i = newText.indexOf(quote, from); i !== -1 && i + quote.length <= to; i = newText.indexOf(quote, i + 1)) {
      if (2 * insertedInside(diff.changes, i, i + quote.length) < quote.length) continue;
      // Support: the quote plus the old text around it that reappears verbatim around this place (we hold
      // the whole old text, so the run is not limited to a selector's 32 characters).
      const support = quote.length + matchBackward(oldText, s, newText, i) + matchForward(oldText, e, newText, i + quote.length);
      if (support < RELOCATE_MIN_SUPPORT) continue;
      if (!best || support > best.support) {
        second = best ? best.support : second;
        best = { at: i, support };
      } else if (i !== best.at) second = Math.max(second, support);
    }
    searchedTo = Math.max(searchedTo, to - quote.length + 1);
  }
  // Two well-supported places: only the clearly better one (by a whole RELOCATE_MIN_SUPPORT) may win.
  if (!best || best.support - second < RELOCATE_MIN_SUPPORT) return null;
  return { start: best.at, end: best.at + quote.length };
}

const MAX_RUN = 4096;
function matchBackward(a: string, ai: number, b: string, bi: number): number {
  let n = 0;
  while (n < MAX_RUN && ai - n > 0 && bi - n > 0 && a.charCodeAt(ai - n - 1) === b.charCodeAt(bi - n - 1)) n++;
  return n;
}
function matchForward(a: string, ai: number, b: string, bi: number): number {
  let n = 0;
  while (n < MAX_RUN && ai + n < a.length && bi + n < b.length && a.charCodeAt(ai + n) === b.charCodeAt(bi + n)) n++;
  return n;
}

/** Change group whose new range starts exactly at `n` (the edit right after an equal segment), or null. */
function groupStartingAt(changes: ChangeGroup[], n: number): ChangeGroup | null {
  const lo = partitionPoint(0, changes.length, (i) => changes[i].newStart < n);
  const g = changes[lo];
  return g && g.newStart === n ? g : null;
}

/** Change group whose new range ends exactly at `n` (the edit right before an equal segment), or null. */
function groupEndingAt(changes: ChangeGroup[], n: number): ChangeGroup | null {
  const lo = partitionPoint(0, changes.length, (i) => changes[i].newEnd <= n);
  const g = changes[lo - 1];
  return g && g.newEnd === n ? g : null;
}

/** Length of the common suffix of a[.., ae) and b[bs, be), at most `max`. */
function commonSuffixLength(a: string, ae: number, b: string, bs: number, be: number, max: number): number {
  let n = 0;
  while (n < max && be - n > bs && ae - n > 0 && a.charCodeAt(ae - n - 1) === b.charCodeAt(be - n - 1)) n++;
  return n;
}
/** Length of the common prefix of a[as, ..) and b[bs, be), at most `max`. */
function commonPrefixLength(a: string, as: number, b: string, bs: number, be: number, max: number): number {
  let n = 0;
  while (n < max && bs + n < be && as + n < a.length && a.charCodeAt(as + n) === b.charCodeAt(bs + n)) n++;
  return n;
}

/**
 * True when a one-sided edit (pure insertion or pure deletion) next to equal segment `seg` can slide, at equal
 * cost and as naturally placed, over the span [s, e). A slide is possible where the edit's text and the
 * segment share their edge: old "about the movements" → new "about the phosphor the movements" is the
 * insertion " phosphor the" after the old "the" or "the phosphor " before it. Both are one insertion of the
 * same length with equally good word boundaries, so which "the" is the old one is undecidable from the two
 * texts. diff_cleanupSemanticLossless picks the most natural slide (line breaks, sentence ends, spaces score
 * higher); only slides that score as well as the chosen one are real ambiguities.
 * - Insertion: the span's words could be the inserted copy, a different place → ambiguous if the slide
 *   reaches any of the span's characters.
 * - Deletion: the kept copy sits at the same new offsets under either alignment; only whether the claim's
 *   own words were deleted differs, so it is ambiguous only if the slide covers the whole span.
 */
function slideAmbiguous(oldText: string, newText: string, diff: TextDiff, seg: EqualSegment, s: number, e: number): boolean {
  const segEnd = seg.oldStart + seg.length;
  const after = groupStartingAt(diff.changes, seg.newStart + seg.length);
  if (after && (after.oldStart === after.oldEnd || after.newStart === after.newEnd)) {
    const ins = after.oldStart === after.oldEnd;
    // Work in the text that holds the edit: new text for an insertion, old text for a deletion.
    const text = ins ? newText : oldText;
    const x = ins ? after.newStart : after.oldStart;
    const len = ins ? after.newEnd - after.newStart : after.oldEnd - after.oldStart;
    const lo = ins ? seg.newStart : seg.oldStart;
    const minShift = ins ? segEnd - e + 1 : segEnd - s; // reach back over the span's last character / the whole span
    const k = commonSuffixLength(text, x, text, x, x + len, seg.length);
    if (k >= minShift) {
      const chosen = editScore(text, lo, x, len, text.length);
      for (let j = minShift; j <= k; j++) if (editScore(text, lo, x - j, len, text.length) >= chosen) return true;
    }
  }
  const before = groupEndingAt(diff.changes, seg.newStart);
  if (before && (before.oldStart === before.oldEnd || before.newStart === before.newEnd)) {
    const ins = before.oldStart === before.oldEnd;
    const text = ins ? newText : oldText;
    const x = ins ? before.newStart : before.oldStart;
    const len = ins ? before.newEnd - before.newStart : before.oldEnd - before.oldStart;
    const hi = ins ? seg.newStart + seg.length : segEnd;
    const minShift = ins ? s - seg.oldStart + 1 : e - seg.oldStart; // reach forward over the span's first character / the whole span
    const k = commonPrefixLength(text, x + len, text, x, x + len, seg.length);
    if (k >= minShift) {
      const chosen = editScore(text, 0, x, len, hi);
      for (let j = minShift; j <= k; j++) if (editScore(text, 0, x + j, len, hi) >= chosen) return true;
    }
  }
  return false;
}

/** Change groups whose old range overlaps old[s, e), or that insert strictly inside it. */
function groupsTouching(changes: ChangeGroup[], s: number, e: number): ChangeGroup[] {
  const lo = partitionPoint(0, changes.length, (i) => changes[i].oldEnd < s);
  const out: ChangeGroup[] = [];
  for (let k = lo; k < changes.length && changes[k].oldStart <= e; k++) {
    const g = changes[k];
    const overlaps = g.oldStart < e && g.oldEnd > s;
    const insertsInside = g.oldStart === g.oldEnd && g.oldStart > s && g.oldStart < e;
    if (overlaps || insertsInside) out.push(g);
  }
  return out;
}

/**
 * A pure deletion that took the span's first or last characters, where deleting as many characters on the
 * other side of it gives the same text (", and , later still , " after "spirit " is also " , and , later
 * still ," before it): the diff chose one of two equal alignments, and under the other one the span is
 * untouched. The deleted characters' twins sit right next to the deletion, so the span's exact text is
 * there; returns its new offsets, or null.
 */
function slideOffDeletion(oldText: string, newText: string, diff: TextDiff, s: number, e: number): Span | null {
  const touching = groupsTouching(diff.changes, s, e);
  if (touching.length !== 1) return null;
  const g = touching[0];
  if (g.newStart !== g.newEnd) return null;
  const quote = oldText.slice(s, e);
  let start: number;
  if (s < g.oldStart && e <= g.oldEnd) {
    // the deletion took the span's tail: old[g.oldStart, e) must equal the kept text right after the deletion
    const t = e - g.oldStart;
    if (oldText.slice(g.oldStart, e) !== oldText.slice(g.oldEnd, g.oldEnd + t)) return null;
    start = mapStart(diff, s, newText.length);
  } else if (s >= g.oldStart && g.oldEnd < e) {
    const t = g.oldEnd - s;
    if (g.oldStart < t || oldText.slice(s, g.oldEnd) !== oldText.slice(g.oldStart - t, g.oldStart)) return null;
    start = mapEnd(diff, e) - quote.length;
  } else return null;
  return start >= 0 && newText.startsWith(quote, start) ? { start, end: start + quote.length } : null;
}

/** Sentence end inside a span, followed by the span's last word: "[the letter]." Wall". */
const LAST_WORD_STARTS_SENTENCE = /[.!?]["'”’)\]]*\s+[^\s]+$/u;
/** The span's first word ends a sentence that the span then leaves: "apology. He". */
const FIRST_WORD_ENDS_SENTENCE = /^[^\s]*[.!?]["'”’)\]]*\s+\S/u;

/** True when the old side of change group `g` contains a sentence end (a sentence, or its end, was deleted). */
function deletesSentenceEnd(oldText: string, g: ChangeGroup): boolean {
  return /[.!?]/u.test(oldText.slice(g.oldStart, g.oldEnd));
}

/**
 * True when the span's last word starts a sentence and an edit that deletes through a sentence end begins
 * right after that word (or inside it), or, mirrored, its first word ends a sentence and such an edit ends
 * right before it. Deleting a sentence next to
 * one whose first word is the same (or similar: "At" / "It") lets the diff keep the wrong copy of that word:
 * "Wall hopes to get a better apology. He admits" → "Wall admits" keeps the first "Wall" and deletes
 * " hopes … He", while the editor deleted "Wall hopes … apology. " and wrote "Wall" for "He". The word's
 * identity is undecidable from the two texts; the claim is flagged instead of reaching into the next sentence.
 */
function sentenceEdgeWordAmbiguous(oldText: string, diff: TextDiff, s: number, e: number): boolean {
  const quote = oldText.slice(s, e);
  if (LAST_WORD_STARTS_SENTENCE.test(quote)) {
    const wordStart = e - (quote.length - quote.search(/\S+$/u));
    let after = e;
    while (after < oldText.length && /\s/u.test(oldText[after])) after++;
    if (groupsTouching(diff.changes, wordStart, after + 1).some((g) => g.oldEnd > e && deletesSentenceEnd(oldText, g))) return true;
  }
  if (FIRST_WORD_ENDS_SENTENCE.test(quote)) {
    const wordEnd = s + quote.search(/\s/u);
    let before = s;
    while (before > 0 && /\s/u.test(oldText[before - 1])) before--;
    if (groupsTouching(diff.changes, before - 1, wordEnd).some((g) => g.oldStart < s && deletesSentenceEnd(oldText, g))) return true;
  }
  return false;
}

/**
 * True when a boundary of the span falls into a pure deletion whose deleted text holds the kept character
 * just inside the span's remaining part (for the start) or just before the deletion (for the end): then the
 * same new text is also made by deleting around a different copy of that character ("历史。馆方…图像。" →
 * "历史。" keeps either full stop), and where the claim's new boundary lies, before or after that character,
 * depends on which copy the editor kept. Flagged rather than placed one character off.
 */
function deletedEdgeAmbiguous(oldText: string, diff: TextDiff, s: number, e: number): boolean {
  const startGroup = groupAt(diff.changes, s);
  if (startGroup && startGroup.newStart === startGroup.newEnd && startGroup.oldEnd < e) {
    if (oldText.slice(startGroup.oldStart, startGroup.oldEnd).includes(oldText[startGroup.oldEnd])) return true;
  }
  const endGroup = e > 0 ? groupAt(diff.changes, e - 1) : null;
  if (endGroup && endGroup.newStart === endGroup.newEnd && endGroup.oldStart > s) {
    const kept = oldText[endGroup.oldStart - 1];
    if (oldText.slice(endGroup.oldStart, endGroup.oldEnd).includes(kept) || oldText[endGroup.oldEnd] === oldText[e - 1]) return true;
  }
  return false;
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
    // The diff chose one of several equally cheap alignments: the span's words could just as well be the
    // copy inside the neighbouring insertion (or deletion). Two texts cannot tell which; flag, don't guess.
    if (s < e && slideAmbiguous(oldText, newText, diff, seg, s, e)) return { status: "needs-recheck", oldQuote };
    if (s < e && sentenceEdgeWordAmbiguous(oldText, diff, s, e)) return { status: "needs-recheck", oldQuote };
    return { status: "moved", start, end, contextChanged, relocated: false };
  }
  if (s === e) {
    // An empty span inside deleted text: there is nothing to compare, so it cannot be placed with confidence.
    const g = groupAt(diff.changes, s);
    return g ? { status: "needs-recheck", oldQuote } : { status: "moved", start: newText.length, end: newText.length, contextChanged: true, relocated: false };
  }
  // The words may have moved as a block (a moved paragraph or sentence): the diff sees a delete and an insert.
  const moved = relocate(oldText, newText, diff, s, e);
  if (moved) return { status: "moved", start: moved.start, end: moved.end, contextChanged: true, relocated: true };
  const slid = slideOffDeletion(oldText, newText, diff, s, e);
  if (slid) return { status: "moved", start: slid.start, end: slid.end, contextChanged: true, relocated: false };
  if (sentenceEdgeWordAmbiguous(oldText, diff, s, e) || deletedEdgeAmbiguous(oldText, diff, s, e)) return { status: "needs-recheck", oldQuote };
  const kept = keptInside(diff.equals, s, e);
  let ns = mapStart(diff, s, newText.length);
  let ne = Math.max(ns, mapEnd(diff, e));
  // A boundary that fell into an edit may pick up the space next to it; the claim did not start/end with one.
  const untrimmed = ne - ns;
  if (!/^\s/.test(oldQuote)) while (ns < ne && /\s/.test(newText[ns])) ns++;
  if (!/\s$/.test(oldQuote)) while (ne > ns && /\s/.test(newText[ne - 1])) ne--;
  const newQuote = newText.slice(ns, ne);
  // Trimmed spaces may have been kept characters: count them out (a lower bound of what the new span keeps).
  const similarity = Math.max(0, kept - (untrimmed - (ne - ns))) / Math.max(e - s, ne - ns);
  if (similarity >= CHANGED_MIN_SIMILARITY) {
    return { status: "changed", start: ns, end: ne, oldQuote, newQuote, quoteChanged: newQuote !== oldQuote, similarity: Math.round(similarity * 1000) / 1000 };
  }
  // Orphaned when (almost) nothing of the span survives: a minimal diff "keeps" stray letters and spaces
  // inside any rewrite, which do not make the claim's text present.
  return kept / (e - s) < ORPHAN_MAX_KEPT ? { status: "orphaned", oldQuote } : { status: "needs-recheck", oldQuote };
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
