import { partitionPoint } from "./sorted";

/**
 * Where a string occurs in one text, fast: every KEY_LENGTH-character window of the text is hashed once (built
 * on first use, O(n)), so a needle of at least KEY_LENGTH characters is found by looking at the windows with
 * the same hash as its first KEY_LENGTH characters, instead of a scan of the whole text. Anchoring many claims
 * on one text (an article's claims, an embed page's annotations) builds it once.
 *
 * The windows are not materialised as strings (the first version kept a Map from each 8-character substring to
 * its offsets: ~130,000 strings for a 20,000-word page, the biggest cost of the embed's first call, issue 14).
 * Instead a rolling polynomial hash (mod 2³²) of each window goes into an Int32Array, and the window offsets are
 * counting-sorted into HASH buckets (a power of two ≥ 2 × windows), ascending within each bucket. A lookup
 * walks one bucket, skips offsets whose hash differs, and checks each remaining offset with startsWith, so hash
 * collisions cannot change an answer: `find` returns exactly the offsets where the needle occurs, as before
 * (text-index.test.ts compares it with a plain scan).
 */
export const KEY_LENGTH = 8;
/** Occurrence lists kept per text before the memory is cleared and started again. */
const MAX_REMEMBERED = 20_000;
/**
 * How much plain scanning a text gets before its index is built, in multiples of its length. A full indexOf
 * scan of a 125,000-character page takes ~35 µs in Node and the index ~13 ms warm (~26 ms on first use), so
 * a few hundred whole-text scans cost less than the index: a publisher page's 200 checks (the embed) never
 * build it, while thousands of claims build it after their first few hundred searches and lose almost nothing.
 */
const SCAN_BUDGET_LENGTHS = 256;
/** Multiplier of the rolling hash (an odd constant with well-mixed bits). */
const HASH_BASE = 0x01000193;

/** Hash of text[i, i + KEY_LENGTH) in the same arithmetic as the rolling hash of {@link TextIndex}. */
function windowHash(s: string, i: number): number {
  let h = 0;
  for (let k = 0; k < KEY_LENGTH; k++) h = (Math.imul(h, HASH_BASE) + s.charCodeAt(i + k)) | 0;
  return h;
}

/** Bucket of a hash: its bits mixed down (the low bits of a polynomial hash depend mostly on the last characters). */
function bucketOf(h: number, mask: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 15)) & mask;
}

type Buckets = { hashes: Int32Array; starts: Int32Array; offsets: Int32Array; mask: number };

export class TextIndex {
  private buckets: Buckets | null = null;
  /** Characters that plain scans may still read before the index is built (see SCAN_BUDGET_LENGTHS). */
  private scanBudget: number;
  constructor(
    readonly text: string,
    scanBudget = SCAN_BUDGET_LENGTHS * text.length,
  ) {
    this.scanBudget = scanBudget;
  }

  private build(): Buckets {
    if (this.buckets === null) {
      const { text } = this;
      const windows = Math.max(0, text.length - KEY_LENGTH + 1);
      const hashes = new Int32Array(windows);
      // B^(KEY_LENGTH-1): the weight of the character that leaves the window.
      let top = 1;
      for (let k = 0; k < KEY_LENGTH - 1; k++) top = Math.imul(top, HASH_BASE);
      if (windows > 0) {
        let h = windowHash(text, 0);
        hashes[0] = h;
        for (let i = 1; i < windows; i++) {
          h = (Math.imul(h - Math.imul(text.charCodeAt(i - 1), top), HASH_BASE) + text.charCodeAt(i + KEY_LENGTH - 1)) | 0;
          hashes[i] = h;
        }
      }
      let size = 1;
      while (size < 2 * windows) size <<= 1;
      const mask = size - 1;
      const starts = new Int32Array(size + 1);
      const bucket = new Int32Array(windows);
      for (let i = 0; i < windows; i++) {
        const b = bucketOf(hashes[i], mask);
        bucket[i] = b;
        starts[b + 1]++;
      }
      for (let b = 0; b < size; b++) starts[b + 1] += starts[b];
      const fill = starts.slice(0, size);
      const offsets = new Int32Array(windows);
      // Ascending i, so each bucket lists its offsets in ascending order.
      for (let i = 0; i < windows; i++) offsets[fill[bucket[i]]++] = i;
      this.buckets = { hashes, starts, offsets, mask };
    }
    return this.buckets;
  }

  /** Offsets in [from, to] (ascending) where `needle` occurs. */
  find(needle: string, from = 0, to = Infinity): number[] {
    const { text } = this;
    const out: number[] = [];
    from = Math.max(0, from);
    if (needle.length === 0) return out;
    if (needle.length < KEY_LENGTH || (this.buckets === null && this.scanBudget > 0)) {
      // Scan only the window: an unbounded indexOf would run on to the end of the text looking for a rare word.
      const windowEnd = Math.min(text.length, to + needle.length);
      const window = Number.isFinite(to) ? text.slice(from, windowEnd) : text;
      const offset = Number.isFinite(to) ? from : 0;
      this.scanBudget -= window.length - (from - offset);
      for (let i = window.indexOf(needle, from - offset); i !== -1 && i + offset <= to; i = window.indexOf(needle, i + 1)) out.push(i + offset);
      return out;
    }
    const { hashes, starts, offsets, mask } = this.build();
    const h = windowHash(needle, 0);
    const b = bucketOf(h, mask);
    const end = starts[b + 1];
    const lo = partitionPoint(starts[b], end, (i) => offsets[i] < from);
    for (let k = lo; k < end && offsets[k] <= to; k++) {
      const i = offsets[k];
      if (hashes[i] === h && text.startsWith(needle, i)) out.push(i);
    }
    return out;
  }

  private all = new Map<string, Int32Array>();
  /**
   * Every offset of `needle` (ascending), remembered per text: the claims of one article quote the same short
   * words ("the", "of rule") over and over, and each of them would otherwise rescan the whole text.
   */
  occurrences(needle: string): Int32Array {
    let list = this.all.get(needle);
    if (list === undefined) {
      list = Int32Array.from(this.find(needle));
      if (this.all.size >= MAX_REMEMBERED) this.all.clear();
      this.all.set(needle, list);
    }
    return list;
  }

  /** True when `needle` occurs somewhere in [from, to]. */
  has(needle: string, from = 0, to = Infinity): boolean {
    return this.find(needle, from, to).length > 0;
  }
}

/** The index of the last text seen: anchoring many claims on one text builds it once. */
let last: TextIndex | null = null;
export function indexFor(text: string): TextIndex {
  if (last === null || last.text !== text) last = new TextIndex(text);
  return last;
}
