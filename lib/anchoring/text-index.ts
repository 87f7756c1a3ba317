/**
 * Where a string occurs in one text, fast: every KEY_LENGTH-character piece of the text is listed once with its
 * offsets (built on first use, O(n)), so a needle of at least KEY_LENGTH characters is found by one map lookup
 * plus a check of each listed offset, instead of a scan of the whole text. Anchoring many claims on one text
 * (an article's claims, an embed page's annotations) builds it once.
 */
export const KEY_LENGTH = 8;

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
      for (let i = text.indexOf(needle, from); i !== -1 && i <= to; i = text.indexOf(needle, i + 1)) out.push(i);
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

  /** True when `needle` occurs somewhere in [from, to]. */
  has(needle: string, from = 0, to = Infinity): boolean {
    if (needle.length < KEY_LENGTH) {
      const i = this.text.indexOf(needle, Math.max(0, from));
      return i !== -1 && i <= to;
    }
    return this.find(needle, from, to).length > 0;
  }
}

/** The index of the last text seen: anchoring many claims on one text builds it once. */
let last: TextIndex | null = null;
export function indexFor(text: string): TextIndex {
  if (last === null || last.text !== text) last = new TextIndex(text);
  return last;
}
