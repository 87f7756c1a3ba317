/**
 * The first TextIndex (issue 13, round one), kept as the reference its replacement is compared with
 * (text-index.test.ts) and timed against (bench/quick.ts index): a Map from every KEY_LENGTH-character
 * substring of the text to its offsets. Tests and benchmark only.
 */
import { KEY_LENGTH } from "../text-index";

export class MapTextIndex {
  private byKey: Map<string, number[]> | null = null;
  constructor(readonly text: string) {}

  build(): Map<string, number[]> {
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

  /** Offsets in [from, to] (ascending) where `needle` (at least KEY_LENGTH long) occurs. */
  find(needle: string, from = 0, to = Infinity): number[] {
    const list = this.build().get(needle.slice(0, KEY_LENGTH)) ?? [];
    return list.filter((i) => i >= Math.max(0, from) && i <= to && this.text.startsWith(needle, i));
  }
}
