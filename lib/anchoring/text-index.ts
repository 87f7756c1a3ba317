/**
 * Where a string occurs in one text, fast: every KEY_LENGTH-character piece of the text is listed once with its
 * offsets (built on first use, O(n)), so a needle of at least KEY_LENGTH characters is found by one map lookup
 * plus a check of each listed offset, instead of a scan of the whole text. Anchoring many claims on one text
 * (an article's claims, an embed page's annotations) builds it once.
 */
export const KEY_LENGTH = 8;
/** Occurrence lists kept per text before the memory is cleared and started again. */
const MAX_REMEMBERED = 20_000;

export class TextIndex {
  private byKey: Map<string, number[]> | null = null;
  constructor(readonly text: string) {}

  private keys(): Map<string, number[]> {
    if (this.byKey === null) {
      const map = new Map<string, number[]>();
      const { text } = this;
      for (let i = 0; i + KEY_LENGTH <= text.length; i++) {
        const key = text.slice(i, i + KEY_LENGTH);
        const list = map.get(key);
        if (list) list.push(i);
        else map.set(key, [i]);
      }
      this.byKey = map;
    }
    return this.byKey;
  }

  /** Offsets in [from, to] (ascending) where `needle` occurs. */
  find(needle: string, from = 0, to = Infinity): number[] {
    const { text } = this;
    const out: number[] = [];
    from = Math.max(0, from);
    if (needle.length === 0) return out;
    if (needle.length < KEY_LENGTH) {
      // Scan only the window: an unbounded indexOf would run on to the end of the text looking for a rare word.
      const windowEnd = Math.min(text.length, to + needle.length);
      const window = Number.isFinite(to) ? text.slice(from, windowEnd) : text;
      const offset = Number.isFinite(to) ? from : 0;
      for (let i = window.indexOf(needle, from - offset); i !== -1 && i + offset <= to; i = window.indexOf(needle, i + 1)) out.push(i + offset);
      return out;
    }
    const list = this.keys().get(needle.slice(0, KEY_LENGTH));
    if (!list) return out;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < list.length && list[k] <= to; k++) {
      if (needle.length === KEY_LENGTH || text.startsWith(needle, list[k])) out.push(list[k]);
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
