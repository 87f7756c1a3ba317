import DiffMatchPatch from "diff-match-patch";

/**
 * Text diff used by {@link reanchor}: a word-level diff with diff-match-patch, refined to characters inside
 * each changed block. See docs/anchoring.md ("Diff") for why this shape rather than a plain character diff.
 */

const DELETE = -1;
const INSERT = 1;
const EQUAL = 0;

/** A run of identical text: old[oldStart, oldStart+length) === new[newStart, newStart+length). */
export type EqualSegment = { oldStart: number; newStart: number; length: number };

/** A replaced region between two equal segments: old[oldStart, oldEnd) became new[newStart, newEnd). */
export type ChangeGroup = { oldStart: number; oldEnd: number; newStart: number; newEnd: number };

export type TextDiff = {
  equals: EqualSegment[];
  changes: ChangeGroup[];
  /**
   * Change groups of the same diff after diff_cleanupSemantic, computed on first use. A minimal diff splits a
   * moved paragraph into dozens of pieces by "keeping" the spaces and short words it shares with whatever was
   * there before; the semantic cleanup folds those coincidences back into one delete and one insert, which is
   * what move detection needs. The minimal diff (above) stays the one that maps untouched spans: cleanup would
   * also swallow short untouched words that sit between two edits.
   */
  semanticChanges: () => ChangeGroup[];
};

// Words (letters, digits, combining marks), runs of whitespace, and any other single code point.
const TOKEN_RE = /[\p{L}\p{N}\p{M}_]+|\s+|[\s\S]/gu;

/** Each distinct token becomes one UTF-16 unit; surrogate code units are skipped so the encoded string stays well-formed. */
const MAX_TOKENS = 0xffff - 0x800 - 1;

function encodeTokens(text: string, table: Map<string, string>, list: string[]): string | null {
  const out: string[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const tok = m[0];
    let code = table.get(tok);
    if (code === undefined) {
      const index = list.length + 1;
      if (index >= MAX_TOKENS) return null;
      code = String.fromCharCode(index < 0xd800 ? index : index + 0x800);
      table.set(tok, code);
      list.push(tok);
    }
    out.push(code);
  }
  return out.join("");
}

function decodeTokens(encoded: string, list: string[]): string {
  let s = "";
  for (let i = 0; i < encoded.length; i++) {
    const c = encoded.charCodeAt(i);
    s += list[(c < 0xd800 ? c : c - 0x800) - 1];
  }
  return s;
}

type Op = [number, string];

function newDmp(): DiffMatchPatch {
  const dmp = new DiffMatchPatch();
  // No deadline: a timed-out diff_bisect_ gives up and reports "everything deleted, everything inserted",
  // which would turn untouched claims into orphans. Correctness first; the word-level pass keeps it fast.
  dmp.Diff_Timeout = 0;
  return dmp;
}

/** Character diff of one changed block, cleaned so that one- or two-letter coincidences inside a rewrite don't count as kept text. */
function refineBlock(dmp: DiffMatchPatch, deleted: string, inserted: string): Op[] {
  if (deleted.length === 0) return [[INSERT, inserted]];
  if (inserted.length === 0) return [[DELETE, deleted]];
  const ops = dmp.diff_main(deleted, inserted, false) as Op[];
  dmp.diff_cleanupSemantic(ops);
  return ops;
}

/** Character-level diff ops of old → new (word diff first, then characters inside changed blocks). */
export function diffOps(oldText: string, newText: string): Op[] {
  const dmp = newDmp();
  const table = new Map<string, string>();
  const list: string[] = [];
  const a = encodeTokens(oldText, table, list);
  const b = a === null ? null : encodeTokens(newText, table, list);
  if (a === null || b === null) {
    // More distinct words than one UTF-16 unit can number: fall back to a plain character diff.
    return dmp.diff_main(oldText, newText, false) as Op[];
  }
  const tokenOps = dmp.diff_main(a, b, false) as Op[];
  const ops: Op[] = [];
  let del = "";
  let ins = "";
  const flush = () => {
    if (del.length > 0 || ins.length > 0) ops.push(...refineBlock(dmp, del, ins));
    del = "";
    ins = "";
  };
  for (const [op, enc] of tokenOps) {
    const text = decodeTokens(enc, list);
    if (op === EQUAL) {
      flush();
      ops.push([EQUAL, text]);
    } else if (op === DELETE) del += text;
    else ins += text;
  }
  flush();
  // Slide each edit sideways to the most natural boundary (line break, sentence end, space) among equivalent
  // alignments: "development" + inserted " programme\ndevelopment" and inserted "development programme\n" +
  // "development" give the same text, but only the second keeps the old word where the reader sees it.
  dmp.diff_cleanupSemanticLossless(ops);
  return ops;
}

/** Turns diff ops into equal segments and change groups, both sorted by old offset. */
export function computeTextDiff(oldText: string, newText: string): TextDiff {
  const ops = diffOps(oldText, newText);
  const { equals, changes } = segment(ops);
  let semantic: { equals: EqualSegment[]; changes: ChangeGroup[] } | null = null;
  const cleaned = () => {
    if (semantic === null) {
      const copy = ops.map(([op, text]) => [op, text] as Op);
      newDmp().diff_cleanupSemantic(copy);
      semantic = segment(copy);
    }
    return semantic;
  };
  return { equals, changes, semanticChanges: () => cleaned().changes };
}

function segment(ops: Op[]): { equals: EqualSegment[]; changes: ChangeGroup[] } {
  const equals: EqualSegment[] = [];
  const changes: ChangeGroup[] = [];
  let o = 0;
  let n = 0;
  let group: ChangeGroup | null = null;
  for (const [op, text] of ops) {
    if (text.length === 0) continue;
    if (op === EQUAL) {
      if (group) {
        changes.push(group);
        group = null;
      }
      const last = equals[equals.length - 1];
      if (last && last.oldStart + last.length === o && last.newStart + last.length === n) last.length += text.length;
      else equals.push({ oldStart: o, newStart: n, length: text.length });
      o += text.length;
      n += text.length;
    } else {
      if (!group) group = { oldStart: o, oldEnd: o, newStart: n, newEnd: n };
      if (op === DELETE) {
        o += text.length;
        group.oldEnd = o;
      } else {
        n += text.length;
        group.newEnd = n;
      }
    }
  }
  if (group) changes.push(group);
  return { equals, changes };
}
