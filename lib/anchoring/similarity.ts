/**
 * Small string-similarity helpers used to score context and quotes. All work on UTF-16 code units:
 * they compare characters for equality only, so surrogate pairs behave like two equal/unequal units,
 * which is harmless for a similarity ratio.
 */

/** Length of the longest common suffix of `a` and text[.., end) (at most a.length). */
export function commonSuffixRun(a: string, text: string, end: number): number {
  let n = 0;
  const max = Math.min(a.length, end);
  while (n < max && a.charCodeAt(a.length - 1 - n) === text.charCodeAt(end - 1 - n)) n++;
  return n;
}

/** Length of the longest common prefix of `a` and text[start, ..) (at most a.length). */
export function commonPrefixRun(a: string, text: string, start: number): number {
  let n = 0;
  const max = Math.min(a.length, text.length - start);
  while (n < max && a.charCodeAt(n) === text.charCodeAt(start + n)) n++;
  return n;
}

let rowA = new Int32Array(128);
let rowB = new Int32Array(128);

/**
 * Edit distance between `pattern` and the best-matching piece of `text` that is glued to `at`:
 * direction "before" compares pattern with text[k, at) for the best k (pattern's end is pinned to `at`),
 * direction "after" compares it with text[at, k) (pattern's start is pinned). The free end may absorb up to
 * `slack` extra or missing characters. O(|pattern| · (|pattern| + slack)); used only on ≤ 32-char contexts.
 */
export function pinnedEditDistance(pattern: string, text: string, at: number, direction: "before" | "after", slack: number): number {
  const m = pattern.length;
  if (m === 0) return 0;
  const w = Math.max(0, direction === "before" ? Math.min(at, m + slack) : Math.min(text.length - at, m + slack));
  return m <= 32 ? pinnedBitParallel(pattern, text, at, direction, w) : pinnedDynamic(pattern, text, at, direction, w);
}

/**
 * The same distance by Myers' bit-parallel algorithm in Hyyrö's formulation for a pinned start (the top row
 * grows by one per text character, hence the 1 shifted into HP): one column of the table per text character in
 * a handful of 32-bit operations, for patterns of up to 32 units (the selector contexts). About 20 times faster
 * than the table; `pinnedDynamic` stays the reference (similarity.test.ts compares the two).
 */
function pinnedBitParallel(pattern: string, text: string, at: number, direction: "before" | "after", w: number): number {
  const m = pattern.length;
  peq.clear();
  for (let i = 0; i < m; i++) {
    const c = direction === "before" ? pattern.charCodeAt(m - 1 - i) : pattern.charCodeAt(i);
    peq.set(c, (peq.get(c) ?? 0) | (1 << i));
  }
  const high = 1 << (m - 1);
  let vp = -1;
  let vn = 0;
  let score = m;
  let best = m;
  for (let b = 1; b <= w; b++) {
    const tc = direction === "before" ? text.charCodeAt(at - b) : text.charCodeAt(at + b - 1);
    const eq = peq.get(tc) ?? 0;
    const xv = eq | vn;
    const xh = ((((eq & vp) + vp) | 0) ^ vp) | eq;
    let hp = vn | ~(xh | vp);
    let hn = vp & xh;
    if (hp & high) score++;
    else if (hn & high) score--;
    hp = (hp << 1) | 1;
    hn = hn << 1;
    vp = hn | ~(xv | hp);
    vn = hp & xv;
    if (score < best) best = score;
  }
  return best;
}
const peq = new Map<number, number>();

/** The edit-distance table behind {@link pinnedEditDistance} (any pattern length). */
export function pinnedDynamic(pattern: string, text: string, at: number, direction: "before" | "after", w: number): number {
  const m = pattern.length;
  // prev[b] = distance between the first a pattern chars (walking away from `at`) and the first b text chars.
  // Two reused rows: this runs for every scored candidate, and fresh arrays per call were most of its cost.
  if (rowA.length < w + 1) {
    rowA = new Int32Array(2 * (w + 1));
    rowB = new Int32Array(2 * (w + 1));
  }
  let prev = rowA;
  let cur = rowB;
  for (let b = 0; b <= w; b++) prev[b] = b;
  for (let a = 1; a <= m; a++) {
    const pc = direction === "before" ? pattern.charCodeAt(m - a) : pattern.charCodeAt(a - 1);
    cur[0] = a;
    for (let b = 1; b <= w; b++) {
      const tc = direction === "before" ? text.charCodeAt(at - b) : text.charCodeAt(at + b - 1);
      const sub = prev[b - 1] + (pc === tc ? 0 : 1);
      const del = prev[b] + 1;
      const ins = cur[b - 1] + 1;
      cur[b] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  let best = m;
  for (let b = 0; b <= w; b++) if (prev[b] < best) best = prev[b];
  return best;
}

/** Similarity in [0, 1] of a context string with the text glued to `at` (1 = identical). */
export function contextSimilarity(context: string, text: string, at: number, direction: "before" | "after"): number {
  if (context.length === 0) return 1;
  const d = pinnedEditDistance(context, text, at, direction, Math.ceil(context.length / 2));
  return Math.max(0, 1 - d / context.length);
}

/** Length of the longest common subsequence (O(n·m); for tests and short strings). */
export function lcsLength(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = 0;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

let bandPrev = new Int32Array(256);
let bandCur = new Int32Array(256);

/**
 * Levenshtein distance between `a` and text[start, end), or `limit + 1` when it exceeds `limit`. Only the band of
 * the table within `limit` of its diagonal is computed (Ukkonen), and the rows are reused: O(limit · |a|) without
 * allocation. Equals {@link levenshtein} whenever that is ≤ limit (similarity.test.ts compares them).
 */
export function levenshteinWithin(a: string, text: string, start: number, end: number, limit: number): number {
  const n = a.length;
  const m = end - start;
  if (Math.abs(n - m) > limit) return limit + 1;
  if (bandPrev.length < m + 1) {
    bandPrev = new Int32Array(2 * (m + 1));
    bandCur = new Int32Array(2 * (m + 1));
  }
  const big = limit + 1;
  let prev = bandPrev;
  let cur = bandCur;
  for (let j = 0; j <= m; j++) prev[j] = j <= limit ? j : big;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - limit);
    const hi = Math.min(m, i + limit);
    cur[lo - 1] = lo - 1 === 0 ? (i <= limit ? i : big) : big;
    const ac = a.charCodeAt(i - 1);
    let rowMin = cur[lo - 1];
    for (let j = lo; j <= hi; j++) {
      const sub = prev[j - 1] + (ac === text.charCodeAt(start + j - 1) ? 0 : 1);
      const del = (j <= i - 1 + limit ? prev[j] : big) + 1;
      const ins = cur[j - 1] + 1;
      let v = sub < del ? sub : del;
      if (ins < v) v = ins;
      if (v > big) v = big;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < m) cur[hi + 1] = big;
    if (rowMin > limit) return big;
    [prev, cur] = [cur, prev];
  }
  return prev[m] > limit ? big : prev[m];
}

/** Levenshtein distance (O(n·m); for tests and short strings). */
export function levenshtein(a: string, b: string): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min(sub, prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}
