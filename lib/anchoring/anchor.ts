import approxSearch from "approx-string-match";
import type { AnchorCandidate, AnchorResult, Selector, TextPositionSelector, TextQuoteSelector } from "./types";
import { commonPrefixRun, commonSuffixRun, contextSimilarity, levenshteinWithin } from "./similarity";
import { editScore } from "./boundary";
import { OffsetConverter } from "./units";
import { CONTEXT_LENGTH } from "./describe";
import { indexFor } from "./text-index";
import { partitionPoint } from "./sorted";

/**
 * Selector-only anchoring (issue 3, "anchor"): find where a W3C TextQuoteSelector (+ optional
 * TextPositionSelector hint) sits in a text. Modelled on hypothesis/client's match-quote.ts, with one
 * deliberate difference: below the confidence floor, or when two places score about the same, we return
 * `needs-recheck` instead of the best guess (hypothesis/client#7571). Thresholds are explained in
 * docs/anchoring.md; every constant below is referenced there by name.
 */

export type AnchorOptions = {
  /** Minimum score to place a claim; below it the result is `needs-recheck`. Default {@link MIN_SCORE}. */
  minScore?: number;
  /** Best and second-best (non-overlapping) candidates closer than this are ambiguous. Default {@link AMBIGUITY_MARGIN}. */
  ambiguityMargin?: number;
  /** Largest fraction of the quote a fuzzy match may get wrong. Default {@link MAX_FUZZY_ERROR_RATE}. */
  maxFuzzyErrorRate?: number;
  /** Units of the TextPositionSelector: W3C code points (default) or JS UTF-16 units. */
  positionUnits?: "code-points" | "utf16";
  /** Position scale as a fraction of the text length. Default {@link POSITION_SCALE_FRACTION}. */
  positionScaleFraction?: number;
  /** At most this many candidates are returned with `needs-recheck`. Default 5. */
  maxCandidates?: number;
};

/** Weights of the three signals (sum 1). Context carries as much as the quote itself: short quotes repeat. */
export const WEIGHT_QUOTE = 0.4;
export const WEIGHT_CONTEXT = 0.4;
export const WEIGHT_POSITION = 0.2;
/** Confidence floor for placing a fuzzy match. */
export const MIN_SCORE = 0.75;
/** Minimum context similarity to place a claim whose quote is exact (and shorter than LONG_QUOTE_LENGTH). */
export const MIN_CONTEXT_EXACT = 0.45;
/**
 * ...and its score must reach this: with the weights above, context ≥ 0.75 suffices on its own, weaker
 * context (0.45–0.75) needs the position hint to agree.
 */
export const MIN_SCORE_EXACT = 0.7;
/**
 * An exact quote at least this long (UTF-16 units) is evidence enough on its own, if no other place scores
 * about as well: the same 32-character bar as a moved block in reanchor (RELOCATE_MIN_SUPPORT).
 */
export const LONG_QUOTE_LENGTH = 32;

const WORD_PER_CHARACTER_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
/**
 * A quote's length measured against LONG_QUOTE_LENGTH: UTF-16 units, with each Chinese, Japanese or Korean
 * character counted twice. Those scripts write a word in one or two characters, so 16 Han characters carry
 * about as much as 32 Latin or Arabic letters (a short English sentence).
 */
export function quoteWeight(exact: string): number {
  const cjk = exact.match(WORD_PER_CHARACTER_SCRIPT);
  return exact.length + (cjk ? cjk.length : 0);
}
/** Minimum context similarity to place a fuzzy match (stricter: the quote itself is already uncertain). */
export const MIN_CONTEXT_FUZZY = 0.6;
/** Two candidates whose scores differ by less than this are ambiguous. */
export const AMBIGUITY_MARGIN = 0.08;
/** A fuzzy match may differ from the quote in at most this fraction of its characters. */
export const MAX_FUZZY_ERROR_RATE = 0.2;
/** Quotes shorter than this (UTF-16 units) are never fuzzy-matched: 1–3 words with 1–3 errors match too much. */
export const MIN_FUZZY_QUOTE_LENGTH = 16;
/** A fuzzy match must reproduce this many characters of the quote exactly at each edge (less for quotes under 4× this). */
export const FUZZY_EDGE = 3;
/** Exact hits scored in detail (the rest are pruned by their cheap exact-context runs). */
const REFINE_TOP = 6;

/**
 * `prefixRun`/`suffixRun`: characters of the stored prefix/suffix that agree exactly and contiguously from the
 * quote outwards. `intact`: an exact quote with both context sides whole (the strongest evidence there is).
 */
type Candidate = { start: number; end: number; quoteSim: number; ctx: number; pos: number; score: number; prefixRun: number; suffixRun: number; intact: boolean };

/** Position nearness decays as exp(-distance / scale), scale = max(POSITION_SCALE_MIN, POSITION_SCALE_FRACTION · text length). */
export const POSITION_SCALE_MIN = 256;
export const POSITION_SCALE_FRACTION = 0.1;
function positionScale(textLength: number, fraction: number): number {
  // Drift after scattered edits grows with article length.
  return Math.max(POSITION_SCALE_MIN, textLength * fraction);
}

/** Cached converter for the last text seen, so that anchoring many claims on one text converts in O(log n). */
let lastText: string | null = null;
let lastConverter: OffsetConverter | null = null;
function converterFor(text: string): OffsetConverter {
  if (lastText !== text || lastConverter === null) {
    lastText = text;
    lastConverter = new OffsetConverter(text);
  }
  return lastConverter;
}

class Scorer {
  readonly hasContext: boolean;
  readonly hint: number | null;
  readonly scale: number;
  constructor(
    readonly text: string,
    readonly quote: TextQuoteSelector,
    hint: number | null,
    scaleFraction: number = POSITION_SCALE_FRACTION,
  ) {
    this.hasContext = (quote.prefix ?? "").length + (quote.suffix ?? "").length > 0;
    this.hint = hint;
    this.scale = positionScale(text.length, scaleFraction);
  }

  /**
   * Context similarity in [0, 1], averaged over prefix and suffix (weighted by their lengths). Each side is the
   * mean of (a) its edit-distance similarity, which survives small edits in the context, and (b) the fraction
   * that agrees exactly and contiguously from the quote outwards, which the edit distance alone lacks: shifted
   * by a few characters (the "a" three letters to the left of the right "a") the context is still 90% similar
   * by edit distance, but its exact run is 0.
   */
  context(start: number, end: number, prefixRun: number, suffixRun: number): number {
    const prefix = this.quote.prefix ?? "";
    const suffix = this.quote.suffix ?? "";
    if (prefix.length + suffix.length === 0) return 1;
    let total = 0;
    // A side that agrees in full has edit distance 0: the dynamic programme is only run for broken sides.
    if (prefix.length > 0) {
      const sim = prefixRun === prefix.length ? 1 : contextSimilarity(prefix, this.text, start, "before");
      total += ((sim + prefixRun / prefix.length) / 2) * prefix.length;
    }
    if (suffix.length > 0) {
      const sim = suffixRun === suffix.length ? 1 : contextSimilarity(suffix, this.text, end, "after");
      total += ((sim + suffixRun / suffix.length) / 2) * suffix.length;
    }
    return total / (prefix.length + suffix.length);
  }

  position(start: number): number {
    if (this.hint === null) return 0;
    return Math.exp(-Math.abs(start - this.hint) / this.scale);
  }

  score(start: number, end: number, quoteSim: number): Candidate {
    const prefix = this.quote.prefix ?? "";
    const suffix = this.quote.suffix ?? "";
    const prefixRun = commonSuffixRun(prefix, this.text, start);
    const suffixRun = commonPrefixRun(suffix, this.text, end);
    const intact = quoteSim === 1 && this.hasContext && prefixRun === prefix.length && suffixRun === suffix.length;
    const ctx = this.context(start, end, prefixRun, suffixRun);
    const pos = this.position(start);
    let total = WEIGHT_QUOTE * quoteSim;
    let weight = WEIGHT_QUOTE;
    if (this.hasContext) {
      total += WEIGHT_CONTEXT * ctx;
      weight += WEIGHT_CONTEXT;
    }
    // The position weight counts even without a hint (pos = 0 then): a claim without a position selector
    // needs stronger context to reach the same floor.
    total += WEIGHT_POSITION * pos;
    weight += WEIGHT_POSITION;
    return { start, end, quoteSim, ctx, pos, score: total / weight, prefixRun, suffixRun, intact };
  }
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** All exact occurrences, pruned to the most promising by exact context agreement (cheap), plus the one nearest the hint. */
function exactCandidates(scorer: Scorer): Candidate[] {
  const { text, quote, hint } = scorer;
  const exact = quote.exact;
  const prefix = quote.prefix ?? "";
  const suffix = quote.suffix ?? "";
  const top: { start: number; run: number }[] = [];
  let nearest = -1;
  let nearestDist = Infinity;
  for (const i of indexFor(text).occurrences(exact)) {
    const run = commonSuffixRun(prefix, text, i) + commonPrefixRun(suffix, text, i + exact.length);
    if (top.length < REFINE_TOP || run > top[top.length - 1].run) {
      // insertion into a tiny sorted list (descending run)
      let k = top.length < REFINE_TOP ? top.length : top.length - 1;
      top[k] = { start: i, run };
      while (k > 0 && top[k - 1].run < top[k].run) {
        [top[k - 1], top[k]] = [top[k], top[k - 1]];
        k--;
      }
    }
    if (hint !== null && Math.abs(i - hint) < nearestDist) {
      nearestDist = Math.abs(i - hint);
      nearest = i;
    }
  }
  const starts = new Set(top.map((t) => t.start));
  if (nearest >= 0) starts.add(nearest);
  return [...starts].map((s) => scorer.score(s, s + exact.length, 1));
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
function isWordChar(text: string, i: number): boolean {
  return i >= 0 && i < text.length && WORD_CHAR.test(text[i]);
}

/**
 * Tightens the edges of a fuzzy match to what the quote's own edges look like. Myers' matcher reports the
 * cheapest alignment, but several alignments often cost the same ("n of the local police" vs "of the local
 * police" for the quote "from the local police"). We drop edge characters that cannot belong to the quote:
 * spaces/punctuation that differ from the quote's edge character, and partial words when the quote starts
 * (or ends) on a word boundary.
 */
function tightenFuzzy(text: string, quote: TextQuoteSelector, start: number, end: number): [number, number] {
  const q = quote.exact;
  const first = q[0];
  const last = q[q.length - 1];
  while (start < end && text[start] !== first && !isWordChar(text, start)) start++;
  while (end > start && text[end - 1] !== last && !isWordChar(text, end - 1)) end--;
  const prefix = quote.prefix ?? "";
  const suffix = quote.suffix ?? "";
  const quoteStartsWord = WORD_CHAR.test(first) && (prefix.length === 0 || !WORD_CHAR.test(prefix[prefix.length - 1]));
  const quoteEndsWord = WORD_CHAR.test(last) && (suffix.length === 0 || !WORD_CHAR.test(suffix[0]));
  if (quoteStartsWord && isWordChar(text, start - 1) && isWordChar(text, start)) {
    let s = start;
    while (s < end && isWordChar(text, s)) s++;
    while (s < end && !isWordChar(text, s)) s++;
    if (s < end && s - start <= Math.max(2, q.length / 5)) start = s;
  }
  if (quoteEndsWord && isWordChar(text, end) && isWordChar(text, end - 1)) {
    let e = end;
    while (e > start && isWordChar(text, e - 1)) e--;
    while (e > start && !isWordChar(text, e - 1)) e--;
    if (e > start && end - e <= Math.max(2, q.length / 5)) end = e;
  }
  return [start, end];
}

/** Fuzzy search window around the position hint, each side: FUZZY_WINDOW_MIN or 2 % of the text, whichever is larger. */
export const FUZZY_WINDOW_MIN = 1024;
function fuzzyRadius(textLength: number): number {
  return Math.ceil(Math.max(FUZZY_WINDOW_MIN, 0.02 * textLength));
}

/** Length of the context piece looked for by {@link contextWithoutQuoteNear}. */
const CONTEXT_PROBE = 16;

/**
 * True when the claim's own surroundings are still near the hint (the last CONTEXT_PROBE characters of the
 * prefix, or the first of the suffix, occur there) but not around the quote: the words were edited in place.
 */
function contextWithoutQuoteNear(text: string, quote: TextQuoteSelector, hint: number, radius: number): boolean {
  const exact = quote.exact;
  const from = Math.max(0, hint - radius);
  const to = Math.min(text.length, hint + exact.length + radius);
  const prefix = quote.prefix ?? "";
  const suffix = quote.suffix ?? "";
  if (prefix.length >= CONTEXT_PROBE) {
    const probe = prefix.slice(-CONTEXT_PROBE);
    for (const i of indexFor(text).find(probe, from, to - 1)) {
      if (!text.startsWith(exact, i + probe.length)) return true;
    }
  }
  if (suffix.length >= CONTEXT_PROBE) {
    const probe = suffix.slice(0, CONTEXT_PROBE);
    for (const j of indexFor(text).find(probe, from, to - 1)) {
      if (text.slice(j - exact.length, j) !== exact) return true;
    }
  }
  return false;
}

/** Shortest context side used as a trace of the claim by {@link claimTraceCloser}. */
export const TRACE_MIN_CONTEXT = 16;
/**
 * The trace check runs when the chosen candidate lies within this fraction of the position scale of the hint
 * (beyond the fuzzy window the edited-in-place check takes over). See {@link claimTraceCloser}.
 */
export const TRACE_MAX_DISTANCE = 0.2;
/** Length of the outer pieces of prefix and suffix that make a two-sided trace (both must be found, in order). */
export const TRACE_PIECE = 16;
/** Largest length difference between a claim's edited surroundings and the original ones, for a two-sided trace. */
export const TRACE_MAX_LENGTH_CHANGE = 64;

/**
 * True when the claim's own surroundings sit somewhere closer to the position hint than the chosen candidate
 * `p`, at a place that does not belong to `p`: there the claim's context survived, so that is where the claim
 * most likely was, and its words were edited (or an insertion broke the rest of its context). The exact copy at
 * `p`, farther away, is then a near-duplicate passage. Selectors cannot tell the two readings apart, so the
 * claim is flagged rather than placed. A trace is either
 * - a whole context side (the prefix, or the suffix, as stored in the selector), or
 * - the outer TRACE_PIECE characters of both sides (each side at least TRACE_MIN_CONTEXT long), in order, as far apart as prefix + quote + suffix
 *   were (± TRACE_MAX_LENGTH_CHANGE): the edit ate into both sides of the context.
 * One short piece of context alone is not a trace: 16 characters of prose recur too often.
 */
/** A trace at claim start `q` must be closer to the hint than p, and not p's own context (a fuzzy p's edges may be off by a few characters). */
function traceNear(q: number, hint: number, dist: number, quoteLength: number, p: { start: number; end: number }): boolean {
  return Math.abs(q - hint) < dist && (q + quoteLength <= p.start || q >= p.end);
}

function claimTraceCloser(text: string, quote: TextQuoteSelector, hint: number, p: { start: number; end: number }, oneSided: boolean, radius = Infinity): boolean {
  const exact = quote.exact;
  const dist = Math.min(Math.abs(p.start - hint), radius);
  const prefix = quote.prefix ?? "";
  const suffix = quote.suffix ?? "";
  const n = TRACE_MIN_CONTEXT;
  const index = indexFor(text);
  // A trace must be closer to the hint than p, and not p's own context (a fuzzy p's edges may be off by a few characters).
  if (oneSided && prefix.length >= n) {
    // Found at i, the claim would start at q = i + prefix.length.
    for (const i of index.find(prefix, hint - dist - prefix.length + 1, hint + dist - prefix.length - 1)) {
      if (traceNear(i + prefix.length, hint, dist, exact.length, p)) return true;
    }
  }
  if (oneSided && suffix.length >= n) {
    // Found at j, the claim would end at j and start at q = j - exact.length.
    for (const j of index.find(suffix, hint - dist + exact.length + 1, hint + dist + exact.length - 1)) {
      if (traceNear(j - exact.length, hint, dist, exact.length, p)) return true;
    }
  }
  if (prefix.length >= n && suffix.length >= n) {
    const m = TRACE_PIECE;
    const head = prefix.slice(0, m);
    const tail = suffix.slice(suffix.length - m);
    const whole = prefix.length + exact.length + suffix.length;
    for (const i of index.find(head, hint - dist - prefix.length + 1, hint + dist - prefix.length - 1)) {
      const q = i + prefix.length;
      if (!traceNear(q, hint, dist, exact.length, p)) continue;
      const from = i + Math.max(m, whole - TRACE_MAX_LENGTH_CHANGE) - m;
      const j = index.find(tail, from, i + whole + TRACE_MAX_LENGTH_CHANGE - m)[0] ?? -1;
      // ...and it must not be p's own surroundings with an edit inside its context.
      if (j !== -1 && j + m - i <= whole + TRACE_MAX_LENGTH_CHANGE && (j + m <= p.start || i >= p.end)) return true;
    }
  }
  return false;
}

/** Longest insertion next to a quote that {@link insertionSlides} considers. */
export const SLIDE_MAX_INSERT = 128;

/**
 * True when the exact quote at `p` has its context broken on one side by what looks like a pure insertion
 * (the whole context side, at least TRACE_MIN_CONTEXT long, resumes intact up to SLIDE_MAX_INSERT characters
 * further on) whose text ends (or starts) with
 * the same words as the quote's edge, so that the insertion could equally well sit inside the quote: "According
 * to" + inserted " showcase varied achievements to" + " new national…" is also "According " + inserted "to
 * showcase varied achievements " + "to new national…". Which of the two the editor made decides whether the
 * claim's words were touched; the text cannot tell (reanchor flags the same diff slides). Slides are compared by
 * how natural their edges are (diff-match-patch's boundary score): only an equally natural one is ambiguous.
 */
function insertionSlides(text: string, quote: TextQuoteSelector, p: { start: number; end: number }): boolean {
  const prefix = quote.prefix ?? "";
  const suffix = quote.suffix ?? "";
  const len = p.end - p.start;
  if (suffix.length > 0 && !text.startsWith(suffix, p.end)) {
    const j = indexFor(text).find(suffix, p.end + 1, p.end + SLIDE_MAX_INSERT)[0] ?? -1;
    if (suffix.length >= TRACE_MIN_CONTEXT && j !== -1 && j - p.end <= SLIDE_MAX_INSERT) {
      const ins = j - p.end;
      let k = 0;
      while (k < len && k < ins && text.charCodeAt(p.end - 1 - k) === text.charCodeAt(j - 1 - k)) k++;
      const chosen = editScore(text, p.start, p.end, ins, text.length);
      for (let t = 1; t <= k; t++) if (editScore(text, p.start, p.end - t, ins, text.length) >= chosen) return true;
    }
  }
  if (prefix.length > 0 && !text.startsWith(prefix, p.start - prefix.length)) {
    const i = indexFor(text).find(prefix, p.start - prefix.length - SLIDE_MAX_INSERT, p.start - prefix.length - 1).at(-1) ?? -1;
    const e = i + prefix.length;
    if (prefix.length >= TRACE_MIN_CONTEXT && i !== -1 && p.start - e <= SLIDE_MAX_INSERT) {
      const ins = p.start - e;
      let k = 0;
      while (k < len && k < ins && text.charCodeAt(p.start + k) === text.charCodeAt(e + k)) k++;
      const chosen = editScore(text, 0, e, ins, p.end);
      for (let t = 1; t <= k; t++) if (editScore(text, 0, e + t, ins, p.end) >= chosen) return true;
    }
  }
  return false;
}

/** Approximate matches of the quote, best per region, within a window around the hint (or the whole text). */
function fuzzyCandidates(scorer: Scorer, maxErrorRate: number): Candidate[] {
  const { text, quote, hint } = scorer;
  const exact = quote.exact;
  if (exact.length < MIN_FUZZY_QUOTE_LENGTH) return [];
  const maxErrors = Math.floor(exact.length * maxErrorRate);
  if (maxErrors < 1) return [];
  let from = 0;
  let to = text.length;
  if (hint !== null) {
    // Search near the hint first: it is fast and it keeps edited quotes from landing on look-alikes far away.
    const radius = fuzzyRadius(text.length) + exact.length;
    from = Math.max(0, hint - radius);
    to = Math.min(text.length, hint + exact.length + radius);
  }
  const matches = approxSearch(text.slice(from, to), exact, maxErrors);
  matches.sort((a, b) => a.errors - b.errors || a.start - b.start);
  const kept: Candidate[] = [];
  const tried = new Set<number>();
  for (const m of matches) {
    if (m.start < 0 || m.end > to - from) continue;
    const [s, e] = tightenFuzzy(text, quote, m.start + from, m.end + from);
    // Neighbouring match ends often tighten to the same place: judge each place once.
    const key = s * (text.length + 1) + e;
    if (tried.has(key)) continue;
    tried.add(key);
    const span = { start: s, end: e };
    if (span.end <= span.start) continue;
    if (kept.some((k) => overlaps(k, span))) continue;
    // Both edges must agree with the quote's edges: then the claim's boundaries are fixed by unchanged text and
    // only its inside differs. An edited first or last word leaves the boundary undefined: flag, don't guess.
    const edge = Math.min(FUZZY_EDGE, Math.floor(exact.length / 4));
    if (text.slice(s, s + edge) !== exact.slice(0, edge) || text.slice(e - edge, e) !== exact.slice(exact.length - edge)) continue;
    // Re-count the errors after tightening: the score must describe the text we would actually place on.
    const errors = text.startsWith(exact, s) && e - s === exact.length ? 0 : levenshteinWithin(exact, text, s, e, maxErrors);
    if (errors > maxErrors) continue;
    kept.push(scorer.score(span.start, span.end, 1 - errors / exact.length));
    if (kept.length >= 2 * REFINE_TOP) break;
  }
  return kept;
}

function decide(cands: Candidate[], scorer: Scorer, opts: Required<Pick<AnchorOptions, "minScore" | "ambiguityMargin" | "maxCandidates">>): { placed: Candidate | null; ranked: Candidate[] } {
  const ranked = [...cands].sort((a, b) => b.score - a.score || a.start - b.start);
  const best = ranked[0];
  if (!best) return { placed: null, ranked };
  const second = ranked.find((c) => !overlaps(c, best));
  let contextOk: boolean;
  if (!scorer.hasContext) contextOk = true;
  else if (best.quoteSim === 1) contextOk = quoteWeight(scorer.quote.exact) >= LONG_QUOTE_LENGTH || (best.ctx >= MIN_CONTEXT_EXACT && best.score >= MIN_SCORE_EXACT);
  else contextOk = best.ctx >= MIN_CONTEXT_FUZZY;
  // A runner-up that would itself be placeable (its context is good too) is a near-duplicate passage; then
  // the best must win by twice the margin.
  const rivalMargin = second && second.ctx >= MIN_CONTEXT_EXACT ? 2 * opts.ambiguityMargin : opts.ambiguityMargin;
  // The only place where quote and both whole context sides agree exactly: no other candidate can match the
  // selector as well, whatever the scores say (near-duplicate passages differ somewhere in 64 characters).
  const intact = cands.filter((c) => c.intact);
  // ...unless a copy closer to the hint keeps RIVAL_RUN characters of both context sides and scores within the
  // margin: the claim may sit there with an edit on each side of it (its context broken a few words away) while
  // the intact copy is a near-duplicate passage farther off (seed 5 of the scale benchmark: "and" 4 characters
  // from its hint with both sides edited 18 and 25 characters away, an intact copy 832 characters away).
  const closerRival = ranked.some((c) => c !== best && !overlaps(c, best) && c.quoteSim === 1 && c.pos > best.pos && c.prefixRun >= RIVAL_RUN && c.suffixRun >= RIVAL_RUN && best.score - c.score < rivalMargin);
  const onlyIntact = best.intact && intact.length === 1 && !closerRival;
  // Verbatim copies (quote and both whole sides equal): only the position can tell them apart.
  const nearestTwin = best.intact && intact.length > 1 && intact.length < REFINE_TOP ? nearestByDistance(intact.map((c) => c.start), scorer.hint) : null;
  const twinDecided = nearestTwin !== null && nearestTwin === best.start;
  // Dominance: every rival within the margin agrees with the quote's context over fewer characters on each side
  // and is farther from the hint, while the best keeps one whole side: nothing speaks for a rival.
  const dominant =
    best.quoteSim === 1 &&
    scorer.hint !== null &&
    sideWhole(scorer.quote, best) &&
    ranked.every((c) => c === best || overlaps(c, best) || best.score - c.score >= rivalMargin || (c.quoteSim === 1 && c.prefixRun <= best.prefixRun && c.suffixRun <= best.suffixRun && c.prefixRun + c.suffixRun < best.prefixRun + best.suffixRun && c.pos < best.pos));
  const unambiguous = !second || onlyIntact || twinDecided || dominant || best.score - second.score >= rivalMargin;
  // Without any context or position hint, only a quote that occurs exactly once can be placed.
  const informed = scorer.hasContext || scorer.hint !== null || !second;
  // The score floor applies to fuzzy matches; an exact quote is judged by its context (above) and the margin.
  const scoreOk = best.quoteSim === 1 || best.score >= opts.minScore;
  const ok = scoreOk && contextOk && unambiguous && informed;
  return { placed: ok ? best : null, ranked };
}

/** Context characters agreeing on each side that make a closer copy a rival to an intact one (see decide). */
export const RIVAL_RUN = 8;

const LAST_WORD_STARTS_SENTENCE = /[.!?]["'”’)\]]*\s+\S+$/u;
const FIRST_WORD_ENDS_SENTENCE = /^\S*[.!?]["'”’)\]]*\s+\S/u;

/**
 * True when the quote's last word starts a sentence and the stored suffix breaks right after it (at most the
 * spaces agree), or, mirrored, its first word ends a sentence and the prefix breaks right before it: the
 * sentence that word started was rewritten or deleted, and the same word opening the next sentence ("Wall
 * hopes …" deleted, "Wall admits …" follows) is not the claim's word. reanchor flags the same shape.
 */
function sentenceEdgeWordUnsure(quote: TextQuoteSelector, p: Candidate): boolean {
  const prefix = quote.prefix ?? "";
  const suffix = quote.suffix ?? "";
  if (suffix.length > 0 && LAST_WORD_STARTS_SENTENCE.test(quote.exact) && p.suffixRun < suffix.length && p.suffixRun <= suffix.length - suffix.trimStart().length) return true;
  if (prefix.length > 0 && FIRST_WORD_ENDS_SENTENCE.test(quote.exact) && p.prefixRun < prefix.length && p.prefixRun <= prefix.length - prefix.trimEnd().length) return true;
  return false;
}

/** Length of the outer context pieces {@link contextCollapsedNear} looks for. */
export const COLLAPSE_PIECE = 8;

/**
 * True when the outer ends of the stored prefix and suffix that candidate `p` does not reproduce (what lies
 * beyond its exact runs) occur near the hint, in order, no farther apart than prefix + quote + suffix were,
 * with no copy of the quote between them, and closer to the hint than `p`: the trace a deletion of the claim
 * and the inside of its context leaves.
 */
function contextCollapsedNear(text: string, quote: TextQuoteSelector, hint: number, p: Candidate): boolean {
  const prefix = quote.prefix ?? "";
  const suffix = quote.suffix ?? "";
  const outerPrefix = prefix.slice(0, prefix.length - p.prefixRun);
  const outerSuffix = suffix.slice(p.suffixRun);
  const m = COLLAPSE_PIECE;
  if (outerPrefix.length < m || outerSuffix.length < m) return false;
  const head = outerPrefix.slice(0, m);
  const tail = outerSuffix.slice(outerSuffix.length - m);
  const whole = prefix.length + quote.exact.length + suffix.length;
  const dist = Math.abs(p.start - hint);
  const pFrom = p.start - p.prefixRun;
  const pTo = p.end + p.suffixRun;
  const index = indexFor(text);
  for (const i of index.find(head, hint - dist - whole, hint + dist)) {
    const j = index.find(tail, i + m, i + whole - m)[0] ?? -1;
    if (j === -1 || j + m - i > whole) continue;
    if (!(j + m <= pFrom || i >= pTo)) continue;
    // where the claim would have been: between the two pieces; it must be closer to the hint than p
    if (Math.abs(i + outerPrefix.length - hint) >= dist) continue;
    if (text.slice(i, j + m).includes(quote.exact)) continue;
    return true;
  }
  return false;
}

/**
 * Verbatim copies of a passage (quote and both whole context sides identical) differ only in where they are.
 * The nearest copy to the hint is chosen when every other copy is at least TWIN_DISTANCE_RATIO times as far
 * from the hint and TWIN_MIN_SEPARATION characters farther: the claim's own copy drifted by the net length of
 * the edits before it, and for the farther copy to be the claim's, edits between the two copies would have to
 * have moved text by (almost) the distance between them. Returns that copy's start, or null.
 */
export const TWIN_DISTANCE_RATIO = 4;
export const TWIN_MIN_SEPARATION = 64;
function nearestByDistance(starts: number[], hint: number | null): number | null {
  if (hint === null || starts.length < 2) return null;
  const sorted = [...starts].sort((a, b) => Math.abs(a - hint) - Math.abs(b - hint));
  const d1 = Math.abs(sorted[0] - hint);
  const d2 = Math.abs(sorted[1] - hint);
  return d2 >= TWIN_DISTANCE_RATIO * d1 && d2 - d1 >= TWIN_MIN_SEPARATION ? sorted[0] : null;
}

/** True when at least one context side of `c` agrees exactly and in full with the stored prefix or suffix. */
function sideWhole(quote: TextQuoteSelector, c: Candidate): boolean {
  return c.prefixRun === (quote.prefix ?? "").length || c.suffixRun === (quote.suffix ?? "").length;
}

function flaggedWith(ranked: Candidate[], maxCandidates: number): AnchorResult {
  return { status: "needs-recheck", candidates: toCandidates(ranked, maxCandidates) };
}

function toCandidates(ranked: Candidate[], max: number): AnchorCandidate[] {
  const out: AnchorCandidate[] = [];
  for (const c of ranked) {
    if (out.some((o) => overlaps(o, c))) continue;
    out.push({ start: c.start, end: c.end, score: round(c.score) });
    if (out.length >= max) break;
  }
  return out;
}

type Settings = { opts: Required<Pick<AnchorOptions, "minScore" | "ambiguityMargin" | "maxCandidates">>; maxErrorRate: number; scaleFraction: number | undefined };

function settingsOf(options: AnchorOptions): Settings {
  return {
    opts: {
      minScore: options.minScore ?? MIN_SCORE,
      ambiguityMargin: options.ambiguityMargin ?? AMBIGUITY_MARGIN,
      maxCandidates: options.maxCandidates ?? 5,
    },
    maxErrorRate: options.maxFuzzyErrorRate ?? MAX_FUZZY_ERROR_RATE,
    scaleFraction: options.positionScaleFraction,
  };
}

/** The quote selector and the position hint in UTF-16 units (null when absent or invalid). */
type Target = { quote: TextQuoteSelector | undefined; hintStart: number | null; hintEnd: number | null };

function targetOf(text: string, selectors: Selector[], options: AnchorOptions): Target {
  const quote = selectors.find((s): s is TextQuoteSelector => s.type === "TextQuoteSelector");
  const position = selectors.find((s): s is TextPositionSelector => s.type === "TextPositionSelector");
  let hintStart: number | null = null;
  let hintEnd: number | null = null;
  if (position) {
    const conv = options.positionUnits === "utf16" ? null : converterFor(text);
    const s = conv ? conv.toUtf16(position.start) : position.start;
    const e = conv ? conv.toUtf16(position.end) : position.end;
    if (Number.isFinite(s) && Number.isFinite(e) && s >= 0 && e >= s) {
      hintStart = Math.min(s, text.length);
      hintEnd = Math.min(e, text.length);
    }
  }
  return { quote, hintStart, hintEnd };
}

/** A target without a quote: a bare position cannot be verified against anything, so it is offered, never placed. */
function withoutQuote(text: string, t: Target): AnchorResult {
  if (t.hintStart !== null && t.hintEnd !== null && t.hintEnd <= text.length) {
    return { status: "needs-recheck", candidates: [{ start: t.hintStart, end: t.hintEnd, score: 0 }] };
  }
  return { status: "orphaned" };
}

/**
 * Finds the span described by `selectors` in `text`. Returns JS UTF-16 offsets.
 * Order (issue 3): the position if the text there equals the quote and nothing beats it; then exact quote
 * matches ranked by prefix/suffix similarity and nearness to the position; then, only when no exact match
 * qualifies, a fuzzy match (approx-string-match, Myers' bit-parallel algorithm).
 */
export function anchor(text: string, selectors: Selector[], options: AnchorOptions = {}): AnchorResult {
  const t = targetOf(text, selectors, options);
  if (!t.quote || t.quote.exact.length === 0) return withoutQuote(text, t);
  const set = settingsOf(options);
  return anchorSure(text, t.quote, t.hintStart, set) ?? anchorRanked(text, t.quote, t.hintStart, set);
}

/**
 * Steps 1 and 2a: the placements that need no ranking (the hint points at the quote with its whole context, or
 * the quote with its whole context occurs once and no other copy of the quote is closer to the hint). Null when
 * neither applies.
 */
function anchorSure(text: string, quote: TextQuoteSelector, hintStart: number | null, set: Settings): AnchorResult | null {
  const exact = quote.exact;
  const prefix = quote.prefix ?? "";
  const suffix = quote.suffix ?? "";
  // 1. Position: the quote is exactly where the hint says and its whole context is intact. This is the
  //    strongest evidence there is, so we accept it without scanning the rest of the text.
  if (hintStart !== null && text.startsWith(exact, hintStart)) {
    const end = hintStart + exact.length;
    if (commonSuffixRun(prefix, text, hintStart) === prefix.length && commonPrefixRun(suffix, text, end) === suffix.length && (prefix.length + suffix.length > 0 || text.indexOf(exact) === text.lastIndexOf(exact))) {
      return { status: "anchored", start: hintStart, end, score: 1, method: "position" };
    }
  }
  // 2a. Exact quote matches, the common case cheaply: the quote with both whole context sides occurs exactly
  //    once and no other copy of the quote is closer to the hint. Then that place is the one the full ranking
  //    would choose (only a copy closer to the hint could outscore a whole context), so it is placed without
  //    scoring every occurrence, unless one of the doubts applies.
  if (prefix.length + suffix.length === 0) return null;
  const index = indexFor(text);
  const whole = index.find(prefix + exact + suffix);
  const chosen = whole.length === 1 ? whole[0] : whole.length > 1 && whole.length < REFINE_TOP ? nearestByDistance(whole, hintStart === null ? null : hintStart - prefix.length) : null;
  if (chosen === null) return null;
  const start = chosen + prefix.length;
  const d = hintStart === null ? 0 : Math.abs(start - hintStart);
  if (hintStart !== null && d > 1 && index.find(exact, hintStart - d + 1, hintStart + d - 1).some((i) => i !== start)) return null;
  const scorer = new Scorer(text, quote, hintStart, set.scaleFraction);
  const p = scorer.score(start, start + exact.length, 1);
  if (doubtAboutExact(scorer, p, [p], set.maxErrorRate, set.opts.maxCandidates) !== null) return null;
  return { status: "anchored", start, end: p.end, score: round(p.score), method: start === hintStart ? "position" : "quote" };
}

/** Steps 2b and 3: every exact occurrence ranked, then (when the quote occurs nowhere exactly) fuzzy matches. */
function anchorRanked(text: string, quote: TextQuoteSelector, hintStart: number | null, set: Settings): AnchorResult {
  const { opts, maxErrorRate } = set;
  const scorer = new Scorer(text, quote, hintStart, set.scaleFraction);
  const exactCands = exactCandidates(scorer);
  const exactDecision = decide(exactCands, scorer, opts);
  if (exactDecision.placed) {
    const p = exactDecision.placed;
    const doubt = doubtAboutExact(scorer, p, exactDecision.ranked, maxErrorRate, opts.maxCandidates);
    if (doubt) return doubt;
    return { status: "anchored", start: p.start, end: p.end, score: round(p.score), method: p.start === hintStart ? "position" : "quote" };
  }

  // 3. Fuzzy, only when the quote occurs nowhere exactly. When it does occur but no copy qualified, an edited
  //    copy would have to beat the exact ones by the margin; on the fixtures and the scale benchmark that never
  //    happened, and skipping the search keeps flagged claims cheap (it was a quarter of anchor's time).
  const fuzzy = exactCands.length > 0 ? [] : fuzzyCandidates(scorer, maxErrorRate);
  const all = [...exactCands, ...fuzzy];
  const decision = decide(all, scorer, opts);
  if (decision.placed) {
    const p = decision.placed;
    const method = p.quoteSim === 1 ? (p.start === hintStart ? "position" : "quote") : "fuzzy";
    // The same test as for exact copies: a near-duplicate passage must not win over the claim's own, edited place.
    if (hintStart !== null && p.start !== hintStart && claimTraceCloser(text, quote, hintStart, p, Math.abs(p.start - hintStart) <= TRACE_MAX_DISTANCE * scorer.scale)) {
      return { status: "needs-recheck", candidates: toCandidates(decision.ranked, opts.maxCandidates) };
    }
    return { status: "anchored", start: p.start, end: p.end, score: round(p.score), method };
  }
  if (decision.ranked.length === 0) return { status: "orphaned" };
  return { status: "needs-recheck", candidates: toCandidates(decision.ranked, opts.maxCandidates) };
}

/** A sure placement of a batch, seen from the old text: hint h (UTF-16) → new start h + delta, quote length len. */
type Landmark = { h: number; delta: number; len: number; from: number; to: number };

/**
 * Drift of the neighbours of a batch (see {@link anchorAll}). A sure placement becomes a landmark only when
 * another sure placement near it in the old text's order, whose matched text (prefix, quote, suffix) does not
 * overlap its own, shifted by exactly the same amount: one placement could be a verbatim copy elsewhere (its
 * own words edited), and so could two that one edit broke; two that agree on separate text describe the stretch.
 */
function landmarksOf(all: Landmark[]): Landmark[] {
  all.sort((a, b) => a.h - b.h || a.len - b.len || a.delta - b.delta);
  // the same claim twice in a batch is one piece of evidence
  const points = all.filter((p, i) => i === 0 || p.h !== all[i - 1].h || p.len !== all[i - 1].len || p.delta !== all[i - 1].delta);
  const agrees = (p: Landmark, q: Landmark) => q.delta === p.delta && (q.to <= p.from || p.to <= q.from);
  return points.filter((p, i) => {
    for (let j = i - 1; j >= 0 && j >= i - LANDMARK_REACH; j--) if (agrees(p, points[j])) return true;
    for (let j = i + 1; j < points.length && j <= i + LANDMARK_REACH; j++) if (agrees(p, points[j])) return true;
    return false;
  });
}
/** Sure placements looked at on each side for one that confirms a landmark. */
const LANDMARK_REACH = 32;

/** Index of the last landmark with h ≤ x (−1 when none). */
function lastAtOrBefore(marks: Landmark[], x: number): number {
  return partitionPoint(0, marks.length, (i) => marks[i].h <= x) - 1;
}

/**
 * The hint of a claim corrected by the drift of its neighbours: the hint rescaled to the stretch between the
 * nearest landmark before it and the nearest after it (linear between their shifts, the document-length
 * rescaling done locally), or shifted like the only or the nearer one when the two shifts differ by more than
 * the stretch between them (a moved block lies between).
 */
function correctedHint(marks: Landmark[], h: number): number {
  const i = lastAtOrBefore(marks, h);
  const left = i >= 0 ? marks[i] : null;
  const right = i + 1 < marks.length ? marks[i + 1] : null;
  if (left === null) return right === null ? h : h + right.delta;
  if (right === null || left.delta === right.delta) return h + left.delta;
  const stretch = right.h - left.h;
  if (Math.abs(right.delta - left.delta) > stretch) return h + (h - left.h <= right.h - h ? left.delta : right.delta);
  return h + Math.round(left.delta + ((right.delta - left.delta) * (h - left.h)) / Math.max(1, stretch));
}

/**
 * True when the quote began (ended) at a word boundary where it was made (its prefix ends, or its suffix starts,
 * with a character that is not part of a word) but the place [start, end) cuts a word in two: the word at that
 * edge was edited ("and the| environment" → "and the|y are": the claim's "the" is gone, "they" only starts alike).
 */
function splitsWord(text: string, quote: TextQuoteSelector, start: number, end: number): boolean {
  const prefix = quote.prefix ?? "";
  const suffix = quote.suffix ?? "";
  const exact = quote.exact;
  if (prefix.length > 0 && !WORD_CHAR.test(prefix[prefix.length - 1]) && WORD_CHAR.test(exact[0]) && isWordChar(text, start - 1)) return true;
  if (suffix.length > 0 && !WORD_CHAR.test(suffix[0]) && WORD_CHAR.test(exact[exact.length - 1]) && isWordChar(text, end)) return true;
  return false;
}

/** Landmarks looked at on each side of a claim by {@link certifiedPlace}. */
const CERTIFY_REACH = 16;

/**
 * A sure placement certifies the old text it matched whole (its prefix, quote and suffix) to stand, unchanged,
 * at its shift in the new text. When such a region covers a claim's first or last character, and the claim's
 * quote is exactly where that shift puts it, the claim is placed there (method `position`) after the usual
 * doubts: no edit lies between the certified text and the claim's edge, and the quote itself is intact.
 */
function certifiedPlace(text: string, marks: Landmark[], quote: TextQuoteSelector, h: number, set: Settings): AnchorResult | null {
  const len = quote.exact.length;
  const k = lastAtOrBefore(marks, h + len);
  const tried = new Set<number>();
  for (let j = Math.max(0, k - CERTIFY_REACH); j <= k + 1 && j < marks.length; j++) {
    const m = marks[j];
    const coversStart = m.from <= h && h < m.to;
    const coversEnd = m.from < h + len && h + len <= m.to;
    if (!(coversStart || coversEnd) || tried.has(m.delta)) continue;
    tried.add(m.delta);
    const at = h + m.delta;
    if (at < 0 || !text.startsWith(quote.exact, at) || splitsWord(text, quote, at, at + len)) continue;
    const scorer = new Scorer(text, quote, at, set.scaleFraction);
    const p = scorer.score(at, at + len, 1);
    if (doubtAboutExact(scorer, p, [p], set.maxErrorRate, set.opts.maxCandidates) !== null) continue;
    return { status: "anchored", start: p.start, end: p.end, score: round(p.score), method: "position" };
  }
  // Bracketed: the landmarks before and after the claim shifted by the same amount, so the text between them
  // kept its length, and the quote is exactly at that shift with a placeable context.
  const i = lastAtOrBefore(marks, h);
  if (i < 0 || i + 1 >= marks.length || marks[i].delta !== marks[i + 1].delta || marks[i + 1].h < h + len) return null;
  const at = h + marks[i].delta;
  if (tried.has(marks[i].delta) || !text.startsWith(quote.exact, at) || splitsWord(text, quote, at, at + len)) return null;
  const scorer = new Scorer(text, quote, at, set.scaleFraction);
  const p = scorer.score(at, at + len, 1);
  if (p.ctx < MIN_CONTEXT_EXACT || doubtAboutExact(scorer, p, [p], set.maxErrorRate, set.opts.maxCandidates) !== null) return null;
  return { status: "anchored", start: p.start, end: p.end, score: round(p.score), method: "position" };
}

/**
 * Anchors a batch of targets on one text (an article's claims, an import file, the annotations of an embedded
 * page): the same answers as {@link anchor} for every target it places surely (steps 1 and 2a), then the others
 * with their position hints corrected by the drift of the sure placements around them (see
 * {@link certifiedPlace} and {@link correctedHint}).
 */
export function anchorAll(text: string, targets: Selector[][], options: AnchorOptions = {}): AnchorResult[] {
  const set = settingsOf(options);
  const all = targets.map((selectors) => targetOf(text, selectors, options));
  // Identical targets (the same quote, context and hint: one claim imported twice, a page that quotes the same
  // words at the same place) get identical answers: each is anchored once (the scale benchmark's 100,000 claims
  // are 17,737 distinct ones). A repeat gets its own copy of the result object.
  const slot = new Map<string, number>();
  const parsed: Target[] = [];
  const which = all.map((t) => {
    const key = t.quote ? `${t.hintStart}|${t.hintEnd}|${t.quote.prefix ?? ""}\u0000${t.quote.exact}\u0000${t.quote.suffix ?? ""}` : `|${t.hintStart}|${t.hintEnd}`;
    let k = slot.get(key);
    if (k === undefined) {
      k = parsed.length;
      slot.set(key, k);
      parsed.push(t);
    }
    return k;
  });
  const unique = anchorUnique(text, parsed, set);
  const given = new Uint8Array(unique.length);
  return which.map((k) => {
    if (given[k]) return { ...unique[k] };
    given[k] = 1;
    return unique[k];
  });
}

function anchorUnique(text: string, parsed: Target[], set: Settings): AnchorResult[] {
  const results: (AnchorResult | null)[] = parsed.map((t) => (t.quote && t.quote.exact.length > 0 ? anchorSure(text, t.quote, t.hintStart, set) : withoutQuote(text, t)));
  const points: Landmark[] = [];
  parsed.forEach((t, i) => {
    const r = results[i];
    if (r && r.status === "anchored" && t.hintStart !== null && t.quote) {
      points.push({ h: t.hintStart, delta: r.start - t.hintStart, len: r.end - r.start, from: t.hintStart - (t.quote.prefix ?? "").length, to: r.end - r.start + t.hintStart + (t.quote.suffix ?? "").length });
    }
  });
  const marks = landmarksOf(points);
  const out = results.map((r, i) => r ?? anchorAllRest(text, parsed, i, marks, set));
  placeMovedPassages(text, parsed, out, marks, set);
  return out;
}
function anchorAllRest(text: string, parsed: Target[], i: number, marks: Landmark[], set: Settings): AnchorResult {
  {
    const { quote, hintStart } = parsed[i];
    if (!quote) return { status: "orphaned" };
    if (hintStart === null) return anchorRanked(text, quote, null, set);
    const certified = certifiedPlace(text, marks, quote, hintStart, set);
    if (certified) return certified;
    const hint = correctedHint(marks, hintStart);
    // What anchor() alone would place stays placed: the corrected hint only adds placements.
    const alone = anchorRanked(text, quote, hintStart, set);
    if (alone.status === "anchored") return alone;
    const ranked = hint === hintStart ? alone : (anchorSure(text, quote, hint, set) ?? anchorRanked(text, quote, hint, set));
    if (ranked.status === "anchored") return ranked;
    return sideCertifiedPlace(text, marks, quote, hintStart, hint, set) ?? lonePlace(text, marks, quote, hintStart, hint, set) ?? ranked;
  }
}

/**
 * What a placed claim vouches for: the old text [from, to) (its quote and the parts of its context that agree
 * exactly at its new place, in old-text offsets) stands unchanged at old offset + delta in the new text.
 */
type Witness = { from: number; to: number; delta: number };

function witnessOf(text: string, t: Target, r: AnchorResult): Witness | null {
  if (r.status !== "anchored" || !t.quote || t.hintStart === null) return null;
  const { exact } = t.quote;
  if (r.end - r.start !== exact.length || !text.startsWith(exact, r.start)) return null;
  const pr = commonSuffixRun(t.quote.prefix ?? "", text, r.start);
  const sr = commonPrefixRun(t.quote.suffix ?? "", text, r.end);
  return { from: t.hintStart - pr, to: t.hintStart + exact.length + sr, delta: r.start - t.hintStart };
}

const SENTENCE_END = /[.!?。！？؟]["'”’)\]]*$/u;
/** The quote starts a sentence or a paragraph (or the document) where it was made. */
function startsAtBoundary(quote: TextQuoteSelector): boolean {
  const prefix = quote.prefix ?? "";
  const trimmed = prefix.trimEnd();
  return trimmed.length === 0 || SENTENCE_END.test(trimmed) || prefix.slice(trimmed.length).includes("\n");
}
/** The quote ends a sentence or a paragraph (or the document) where it was made. */
function endsAtBoundary(quote: TextQuoteSelector): boolean {
  const suffix = quote.suffix ?? "";
  const trimmed = suffix.trimStart();
  return trimmed.length === 0 || SENTENCE_END.test(quote.exact) || /^[.!?。！？؟]["'”’)\]]*(\s|$)/u.test(suffix) || suffix.slice(0, suffix.length - trimmed.length).includes("\n");
}

/** Characters at each end of a moved passage looked for near its old place by {@link passageStillNear}. */
export const PASSAGE_END = 8;
/** How far around its old place (corrected by the landmarks) a moved passage's ends are looked for, at least. */
export const PASSAGE_LOOK = 64;

/**
 * True when the first or last PASSAGE_END characters of the old text [from, to) (which stands at + delta in the
 * new text) also occur within max(PASSAGE_LOOK, passage length) of where the landmarks put its old place, other
 * than inside the passage's new place itself.
 */
function passageStillNear(text: string, marks: Landmark[], from: number, to: number, delta: number): boolean {
  const len = to - from;
  if (len < PASSAGE_END) return true;
  const index = indexFor(text);
  const look = Math.max(PASSAGE_LOOK, len);
  const head = text.slice(from + delta, from + delta + PASSAGE_END);
  const tail = text.slice(to + delta - PASSAGE_END, to + delta);
  const oldFrom = correctedHint(marks, from);
  const oldTo = correctedHint(marks, to);
  const outside = (i: number) => i + PASSAGE_END <= from + delta || i >= to + delta;
  if (index.find(head, oldFrom - look, oldFrom + look).some(outside)) return true;
  if (index.find(tail, oldTo - PASSAGE_END - look, oldTo - PASSAGE_END + look).some(outside)) return true;
  return false;
}

/** Rounds of {@link placeMovedPassages}: a claim it places is a witness for the next round. */
const MOVED_PASSAGE_ROUNDS = 4;

/**
 * Moved passages (round two of issue 13). A claim inside a sentence or paragraph that moved is flagged by the
 * trace rules: where the passage was, the claim's outer context now stands collapsed, which is what a deleted
 * claim next to a surviving look-alike leaves too. A *witness* tells the two apart: another claim of the batch,
 * already placed (and so past every doubt), whose quote and exactly agreeing context cover some of the flagged
 * claim's quote in the old text, at the shift `delta`. If the witness is right, those old characters now stand at
 * old offset + delta, and so does the flagged claim's quote when it is exactly there and the text agreeing with
 * it there joins the witness's text without a gap (the same shift on both). The claim is then placed at
 * hint + delta unless
 * - a *twin* could be meant: the witness's and the claim's text together occur more than once in the new text,
 *   or another copy of the quote agrees with the claim's context over at least as many characters;
 * - the place cuts a word the quote began or ended with, or the quote's edge word is the start of a deleted
 *   sentence, or an insertion next to it could slide into the quote (the usual doubts of an exact placement).
 * Runs to a fixed point (MOVED_PASSAGE_ROUNDS): a placed claim witnesses for its neighbours.
 */
function placeMovedPassages(text: string, parsed: Target[], out: AnchorResult[], marks: Landmark[], set: Settings): void {
  const index = indexFor(text);
  for (let pass = 0; pass < MOVED_PASSAGE_ROUNDS; pass++) {
    const witnesses: Witness[] = [];
    let widest = 0;
    parsed.forEach((t, i) => {
      const w = witnessOf(text, t, out[i]);
      if (w) {
        witnesses.push(w);
        widest = Math.max(widest, w.to - w.from);
      }
    });
    if (witnesses.length === 0) return;
    witnesses.sort((a, b) => a.from - b.from);
    let placed = 0;
    parsed.forEach((t, i) => {
      if (out[i].status !== "needs-recheck" || !t.quote || t.hintStart === null || t.quote.exact.length === 0) return;
      const quote = t.quote;
      const h = t.hintStart;
      const exact = quote.exact;
      const len = exact.length;
      const prefix = quote.prefix ?? "";
      const suffix = quote.suffix ?? "";
      // first witness that could reach the claim: from ≥ h − widest
      const lo = partitionPoint(0, witnesses.length, (i) => witnesses[i].from < h - widest);
      const tried = new Set<number>();
      for (let k = lo; k < witnesses.length && witnesses[k].from < h + len; k++) {
        const w = witnesses[k];
        if (w.to <= h || tried.has(w.delta)) continue;
        tried.add(w.delta);
        const at = h + w.delta;
        if (at < 0 || !text.startsWith(exact, at) || splitsWord(text, quote, at, at + len) || documentEdgeElsewhere(text, quote, at, at + len)) continue;
        const pr = commonSuffixRun(prefix, text, at);
        const sr = commonPrefixRun(suffix, text, at + len);
        const from = Math.min(w.from, h - pr);
        const to = Math.max(w.to, h + len + sr);
        // The verified text must reach PASSAGE_END (weighted) characters beyond each edge of the quote, unless the quote's
        // edge is a sentence or paragraph boundary (where a moved passage ends). A witness whose own context
        // breaks right at its quote may stand on look-alike words ("budget" ending another paragraph), and a
        // claim a few characters inside it would follow it there (found by the soak, seed 199724414).
        // Measured as quoteWeight: a Chinese character counts twice, as against LONG_QUOTE_LENGTH.
        const before = quoteWeight(text.slice(at - (h - from), at));
        const after = quoteWeight(text.slice(at + len, at + len + (to - h - len)));
        if ((before < PASSAGE_END && !startsAtBoundary(quote)) || (after < PASSAGE_END && !endsAtBoundary(quote))) continue;
        // Twin guards.
        if (index.find(text.slice(from + w.delta, to + w.delta)).length !== 1) continue;
        let twin = false;
        for (const q of index.occurrences(exact)) {
          if (q !== at && commonSuffixRun(prefix, text, q) + commonPrefixRun(suffix, text, q + len) >= pr + sr) {
            twin = true;
            break;
          }
        }
        if (twin) continue;
        // The passage must have left its old place: neither end of it (PASSAGE_END characters) may stand near
        // where the landmarks put its old place. A claim that was edited while a copy of its passage stands
        // elsewhere leaves the rest of its passage where it was (the copy is not a move).
        if (passageStillNear(text, marks, from, to, w.delta)) continue;
        const scorer = new Scorer(text, quote, at, set.scaleFraction);
        const p = scorer.score(at, at + len, 1);
        if (sentenceEdgeWordUnsure(quote, p) || insertionSlides(text, quote, p)) continue;
        out[i] = { status: "anchored", start: at, end: at + len, score: round(p.score), method: "quote" };
        placed++;
        break;
      }
    });
    if (placed === 0) return;
  }
}

/** Length of a string in code points (the unit of CONTEXT_LENGTH), counted up to `limit`. */
function codePointsUpTo(s: string, limit: number): number {
  let n = 0;
  for (let i = 0; i < s.length && n < limit; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) i++;
    n++;
  }
  return n;
}

/**
 * True when a context side of the selector is shorter than CONTEXT_LENGTH, so that it ended at the start (prefix)
 * or the end (suffix) of the document it was made on, but the place [start, end) is not at that same edge of
 * the text with that side before (after) it. Used by the batch rules that place on partial evidence (moved
 * passage, side-certified, lone copy): a claim at the very start of a document, whose short prefix recurs
 * in the middle ("Legacy" at the start of an article, and "Legacy" after a heading elsewhere), is not there.
 */
export function documentEdgeElsewhere(text: string, quote: TextQuoteSelector, start: number, end: number): boolean {
  const prefix = quote.prefix ?? "";
  const suffix = quote.suffix ?? "";
  if (codePointsUpTo(prefix, CONTEXT_LENGTH) < CONTEXT_LENGTH && start - prefix.length !== 0) return true;
  if (codePointsUpTo(suffix, CONTEXT_LENGTH) < CONTEXT_LENGTH && end + suffix.length !== text.length) return true;
  return false;
}

/** Shortest whole context side that certifies a place in {@link sideCertifiedPlace}. */
export const SIDE_CERTIFY_MIN = 16;

/**
 * Side-certified place (round two of issue 13): between the new places of the landmarks just before and just
 * after the claim (old order), where the claim must be unless it moved, exactly one copy of the quote keeps one
 * whole context side (at least SIDE_CERTIFY_MIN long): that side and the quote stand as they were, and the other
 * side was broken by an edit next to the claim. Placed there after the usual doubts, judged from the corrected
 * hint (a trace of the claim elsewhere near it, a collapsed context, an edge word, a slide), with context
 * similarity ≥ MIN_CONTEXT_EXACT. Near-duplicate passages outside the bracket, even with a better context (the
 * benchmark's article holds variants of its sentences), do not count: the landmarks on both sides say where the
 * stretch went.
 */
function sideCertifiedPlace(text: string, marks: Landmark[], quote: TextQuoteSelector, h: number, hint: number, set: Settings): AnchorResult | null {
  const exact = quote.exact;
  const len = exact.length;
  const prefix = quote.prefix ?? "";
  const suffix = quote.suffix ?? "";
  if (prefix.length < SIDE_CERTIFY_MIN && suffix.length < SIDE_CERTIFY_MIN) return null;
  const i = lastAtOrBefore(marks, h);
  if (i < 0 || i + 1 >= marks.length) return null;
  const lo = marks[i].h + marks[i].delta;
  const hi = marks[i + 1].h + marks[i + 1].delta + marks[i + 1].len;
  let found = -1;
  for (const q of indexFor(text).find(exact, lo, hi - len)) {
    const wholePrefix = prefix.length >= SIDE_CERTIFY_MIN && commonSuffixRun(prefix, text, q) === prefix.length;
    const wholeSuffix = suffix.length >= SIDE_CERTIFY_MIN && commonPrefixRun(suffix, text, q + len) === suffix.length;
    if (!wholePrefix && !wholeSuffix) continue;
    if (found !== -1) return null;
    found = q;
  }
  if (found === -1 || splitsWord(text, quote, found, found + len) || documentEdgeElsewhere(text, quote, found, found + len)) return null;
  const scorer = new Scorer(text, quote, hint, set.scaleFraction);
  const p = scorer.score(found, found + len, 1);
  if (p.ctx < MIN_CONTEXT_EXACT || doubtAboutExact(scorer, p, [p], set.maxErrorRate, set.opts.maxCandidates) !== null) return null;
  return { status: "anchored", start: p.start, end: p.end, score: round(p.score), method: "quote" };
}

/** Largest distance between a lone copy of the quote and the corrected hint for {@link lonePlace}. */
export const LONE_MAX_DRIFT = 48;
/** Shortest quote (weight, see quoteWeight) {@link lonePlace} considers. */
export const LONE_MIN_QUOTE = 12;
/** Least context similarity of a lone copy. */
export const LONE_MIN_CONTEXT = 0.35;

/**
 * The quote occurs exactly once in the whole text, within LONE_MAX_DRIFT of the corrected hint and between the
 * landmarks around the claim (where the claim must be unless it moved), with some of its context: placed, after
 * the usual doubts (a trace of the claim elsewhere, a collapsed context, an edge word or a slide).
 */
function lonePlace(text: string, marks: Landmark[], quote: TextQuoteSelector, h: number, hint: number, set: Settings): AnchorResult | null {
  const exact = quote.exact;
  if (quoteWeight(exact) < LONE_MIN_QUOTE) return null;
  const all = indexFor(text).occurrences(exact);
  if (all.length !== 1) return null;
  const q = all[0];
  if (Math.abs(q - hint) > LONE_MAX_DRIFT) return null;
  const i = lastAtOrBefore(marks, h);
  if (i >= 0 && q < marks[i].h + marks[i].delta) return null;
  if (i + 1 < marks.length && q + exact.length > marks[i + 1].h + marks[i + 1].delta + marks[i + 1].len) return null;
  if (splitsWord(text, quote, q, q + exact.length) || documentEdgeElsewhere(text, quote, q, q + exact.length)) return null;
  const scorer = new Scorer(text, quote, hint, set.scaleFraction);
  const p = scorer.score(q, q + exact.length, 1);
  if (p.ctx < LONE_MIN_CONTEXT) return null;
  if (doubtAboutExact(scorer, p, [p], set.maxErrorRate, set.opts.maxCandidates) !== null) return null;
  return { status: "anchored", start: p.start, end: p.end, score: round(p.score), method: "quote" };
}

/**
 * The checks an exact placement `p` must pass (see docs/anchoring.md, "Decision"); returns the flagged result
 * when one fails, else null.
 */
function doubtAboutExact(scorer: Scorer, p: Candidate, ranked: Candidate[], maxErrorRate: number, maxCandidates: number): AnchorResult | null {
  const { text, quote, hint } = scorer;
  if (hint !== null) {
    // An exact copy far from where the claim was, while an edited version of the quote sits where it was: the
    // claim's own words were edited and the copy is a duplicate passage. Selectors cannot tell them apart.
    const radius = fuzzyRadius(text.length);
    if (Math.abs(p.start - hint) > radius) {
      const near = fuzzyCandidates(scorer, maxErrorRate).filter((c) => c.quoteSim < 1 && c.ctx >= MIN_CONTEXT_EXACT);
      if (near.length > 0 || contextWithoutQuoteNear(text, quote, hint, radius) || claimTraceCloser(text, quote, hint, p, true, radius)) {
        return { status: "needs-recheck", candidates: toCandidates([p, ...near], maxCandidates) };
      }
    }
    if (p.start !== hint && claimTraceCloser(text, quote, hint, p, Math.abs(p.start - hint) <= TRACE_MAX_DISTANCE * scorer.scale)) return flaggedWith(ranked, maxCandidates);
    // Both context sides broken, while the outer parts of the claim's context that p does not explain sit next
    // to each other near the hint: the claim was deleted there with the middle of its context, and p is a
    // look-alike clause (one deletion explains the text; p would need an edit on each side of it).
    if (p.start !== hint && !sideWhole(quote, p) && contextCollapsedNear(text, quote, hint, p)) return flaggedWith(ranked, maxCandidates);
  }
  if (sentenceEdgeWordUnsure(quote, p)) return flaggedWith(ranked, maxCandidates);
  if (insertionSlides(text, quote, p)) return flaggedWith(ranked, maxCandidates);
  return null;
}

/** Scores of the exact-quote candidates the engine considered (for debugging and "why was this flagged?" UIs). */
export function explainAnchor(text: string, quote: TextQuoteSelector, hintUtf16: number | null): { start: number; end: number; ctx: number; pos: number; score: number }[] {
  const scorer = new Scorer(text, quote, hintUtf16);
  return exactCandidates(scorer)
    .sort((a, b) => b.score - a.score)
    .map((c) => ({ start: c.start, end: c.end, ctx: round(c.ctx), pos: round(c.pos), score: round(c.score) }));
}
