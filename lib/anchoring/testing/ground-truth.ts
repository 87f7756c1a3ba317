/**
 * Ground truth for evaluating anchoring (tests and benchmark only). Pure TypeScript.
 *
 * An edit list on the old text (non-overlapping replacements) says exactly which old characters were kept
 * and where each kept character went. From it we derive, for any old span:
 * - `untouched`: no edit deleted/replaced a character of the span and no insertion fell strictly inside it;
 *   the only correct placement is `expected` (the span's exact new offsets);
 * - touched: a placement is correct iff each boundary is exact where the boundary character was kept, or
 *   lies anywhere inside the replacement of the edit that rewrote it (which letters of a rewrite "belong"
 *   to a claim is not defined, so any choice inside the rewrite is accepted; anything else is wrong).
 */

import { RELOCATE_MIN_SUPPORT } from "../reanchor";

export type Edit = { start: number; end: number; text: string };
export type Placement = { start: number; end: number };
export type Truth =
  | { untouched: true; expected: Placement }
  | { untouched: false; startRange: [number, number]; endRange: [number, number] };
export type Outcome = "correct" | "wrong" | "flagged";

export class EditTruth {
  readonly newText: string;
  /** old char index → new char index, or -1 when the char was deleted/replaced */
  private readonly charMap: Int32Array;
  /** for deleted chars: index into `images` of the edit that rewrote them */
  private readonly editOf: Int32Array;
  private readonly images: [number, number][] = [];
  private readonly insertionPoints: Set<number>;
  /** 1 for old chars that an edit deleted but that reappear in a moved block (charMap then points there) */
  private readonly moved: Uint8Array;

  /**
   * @param collapseTo when given, the text the edited result must equal once redundant spaces are dropped
   *   (IteraTeR collapsed the double spaces its edits left behind). Spaces dropped that way count as deleted.
   */
  constructor(
    readonly oldText: string,
    edits: Edit[],
    collapseTo?: string,
  ) {
    const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
    const n = oldText.length;
    this.charMap = new Int32Array(n).fill(-1);
    this.editOf = new Int32Array(n).fill(-1);
    this.insertionPoints = new Set();
    this.moved = new Uint8Array(n);
    const parts: string[] = [];
    // resOf[i] = index in the applied text of old char i (or -1)
    let pos = 0;
    let out = 0;
    const rawImages: [number, number][] = [];
    for (const ed of sorted) {
      if (ed.start < pos) throw new Error(`overlapping edits at ${ed.start}`);
      for (let i = pos; i < ed.start; i++) this.charMap[i] = out + (i - pos);
      parts.push(oldText.slice(pos, ed.start));
      out += ed.start - pos;
      const idx = rawImages.length;
      rawImages.push([out, out + ed.text.length]);
      for (let i = ed.start; i < ed.end; i++) this.editOf[i] = idx;
      if (ed.start === ed.end) this.insertionPoints.add(ed.start);
      parts.push(ed.text);
      out += ed.text.length;
      pos = ed.end;
    }
    for (let i = pos; i < n; i++) this.charMap[i] = out + (i - pos);
    parts.push(oldText.slice(pos));
    const applied = parts.join("");
    this.markMoves(sorted, rawImages);
    if (collapseTo === undefined || collapseTo === applied) {
      this.newText = applied;
      this.images = rawImages.map((im) => widenOverSpace(applied, im));
      return;
    }
    // Align applied → collapseTo, dropping extra spaces from `applied`.
    const toFinal = new Int32Array(applied.length + 1);
    let j = 0;
    for (let i = 0; i < applied.length; i++) {
      if (j < collapseTo.length && applied[i] === collapseTo[j]) {
        toFinal[i] = j++;
      } else if (/\s/.test(applied[i])) {
        toFinal[i] = -1;
      } else {
        throw new Error(`edits do not reproduce the after text at ${i}: ${JSON.stringify(applied.slice(i - 20, i + 20))} vs ${JSON.stringify(collapseTo.slice(j - 20, j + 20))}`);
      }
    }
    if (j !== collapseTo.length) throw new Error("edits do not reproduce the whole after text");
    toFinal[applied.length] = collapseTo.length;
    const boundary = (i: number) => {
      // position in final text of the boundary before applied[i]
      let k = i;
      while (k < applied.length && toFinal[k] === -1) k++;
      return toFinal[k];
    };
    this.newText = collapseTo;
    // An edit whose neighbouring double space was collapsed also "owns" the surviving space next to it.
    const dropped = (i: number) => i >= 0 && i < applied.length && toFinal[i] === -1;
    this.images = rawImages.map(([a, b]) => {
      let x = boundary(a);
      let y = boundary(b);
      if ((dropped(a - 1) || dropped(a) || dropped(b - 1) || dropped(b)) && x > 0 && /\s/.test(collapseTo[x - 1])) x--;
      if ((dropped(a - 1) || dropped(a) || dropped(b - 1) || dropped(b)) && y < collapseTo.length && /\s/.test(collapseTo[y])) y++;
      return widenOverSpace(collapseTo, [x, y]);
    });
    for (let i = 0; i < n; i++) {
      const r = this.charMap[i];
      if (r >= 0 && toFinal[r] === -1) {
        // a kept space that the collapse dropped: treat as deleted by a zero-length edit at its position
        this.charMap[i] = -1;
        this.editOf[i] = this.images.length;
        const at = boundary(r);
        this.images.push([at, at]);
      } else if (r >= 0) this.charMap[i] = toFinal[r];
    }
  }

  /**
   * Moved text: when text deleted by one edit reappears inside the text inserted by another (IteraTeR records
   * a move as a delete plus an add), the longest common piece of at least MOVE_MIN characters is treated as kept
   * and mapped to where it was inserted. Spans inside it are then "untouched" with their new offsets.
   */
  private markMoves(edits: Edit[], images: [number, number][]): void {
    // Same bar as the engine's relocation (RELOCATE_MIN_SUPPORT): a shorter common piece is a coincidence
    // of wording ("the onset of"), not a move.
    const MOVE_MIN = RELOCATE_MIN_SUPPORT;
    edits.forEach((d, di) => {
      if (d.end - d.start < MOVE_MIN) return;
      const deleted = this.oldText.slice(d.start, d.end);
      edits.forEach((ins, ii) => {
        if (ii === di || ins.text.length < MOVE_MIN) return;
        const [a, b, len] = longestCommonSubstring(deleted, ins.text);
        if (len < MOVE_MIN) return;
        for (let k = 0; k < len; k++) {
          if (this.charMap[d.start + a + k] >= 0) return;
        }
        for (let k = 0; k < len; k++) {
          this.charMap[d.start + a + k] = images[ii][0] + b + k;
          this.moved[d.start + a + k] = 1;
        }
      });
    });
  }

  truth(start: number, end: number): Truth {
    // A span partly inside a moved block and partly outside it did not move as a whole: for it, the moved
    // characters count as deleted where they were.
    let movedChars = 0;
    for (let i = start; i < end; i++) movedChars += this.moved[i];
    const mixed = movedChars > 0 && movedChars < end - start;
    const kept = (i: number) => this.charMap[i] >= 0 && !(mixed && this.moved[i] === 1);
    let untouched = end > start;
    for (let i = start; i < end && untouched; i++) if (!kept(i)) untouched = false;
    for (let p = start + 1; p < end && untouched; p++) if (this.insertionPoints.has(p)) untouched = false;
    if (untouched) {
      const ns = this.charMap[start];
      const ne = this.charMap[end - 1] + 1;
      if (ne - ns === end - start) return { untouched: true, expected: { start: ns, end: ne } };
    }
    const startRange: [number, number] = kept(start) ? [this.charMap[start], this.charMap[start]] : this.images[this.editOf[start]];
    const endRange: [number, number] =
      end > 0 && kept(end - 1) ? [this.charMap[end - 1] + 1, this.charMap[end - 1] + 1] : end > 0 ? this.images[this.editOf[end - 1]] : [0, 0];
    return { untouched: false, startRange, endRange };
  }
}

export function judge(truth: Truth, placed: Placement | null): Outcome {
  if (!placed) return "flagged";
  if (truth.untouched) return placed.start === truth.expected.start && placed.end === truth.expected.end ? "correct" : "wrong";
  const okStart = placed.start >= truth.startRange[0] && placed.start <= truth.startRange[1];
  const okEnd = placed.end >= truth.endRange[0] && placed.end <= truth.endRange[1];
  return okStart && okEnd ? "correct" : "wrong";
}

/**
 * Ground truth without an edit list (whole-article versions): a sentence that occurs exactly once in the old
 * text and exactly once in the new text is known to have moved there unchanged. Returns, for an old span
 * inside such a sentence, its expected new offsets; otherwise null (unknown; such spans are only checked
 * for not being placed on non-matching text).
 */
export class UniqueSentenceTruth {
  private readonly sentences: { oldStart: number; oldEnd: number; newStart: number }[] = [];
  constructor(oldText: string, newText: string) {
    const re = /[^.!?\n]+[.!?]*/g;
    const newSentences = new Map<number, string>();
    for (let m = re.exec(newText); m !== null; m = re.exec(newText)) newSentences.set(m.index, m[0]);
    for (let m = re.exec(oldText); m !== null; m = re.exec(oldText)) {
      const sent = m[0];
      if (sent.trim().length < 20) continue;
      if (oldText.indexOf(sent) !== oldText.lastIndexOf(sent)) continue;
      const at = newText.indexOf(sent);
      if (at === -1 || at !== newText.lastIndexOf(sent) || newSentences.get(at) !== sent) continue;
      this.sentences.push({ oldStart: m.index, oldEnd: m.index + sent.length, newStart: at });
    }
  }
  expected(start: number, end: number): Placement | null {
    for (const s of this.sentences) {
      if (start >= s.oldStart && end <= s.oldEnd) return { start: s.newStart + (start - s.oldStart), end: s.newStart + (end - s.oldStart) };
    }
    return null;
  }
}

/** [start in a, start in b, length] of the longest common substring (O(|a|·|b|); fixture-sized strings only). */
function longestCommonSubstring(a: string, b: string): [number, number, number] {
  let best: [number, number, number] = [0, 0, 0];
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? prev[j - 1] + 1 : 0;
      if (cur[j] > best[2]) best = [i - cur[j], j - cur[j], cur[j]];
    }
    [prev, cur] = [cur, prev];
    cur.fill(0);
  }
  return best;
}

/**
 * Deleting "home " or " home" between two words is the same edit; which of the two spaces "belongs" to the
 * edit is arbitrary. So an edit's image owns the whitespace run on each side of it.
 */
function widenOverSpace(text: string, [x, y]: [number, number]): [number, number] {
  while (x > 0 && /\s/.test(text[x - 1])) x--;
  while (y < text.length && /\s/.test(text[y])) y++;
  return [x, y];
}
