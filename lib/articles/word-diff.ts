import DiffMatchPatch from "diff-match-patch";

/**
 * Word-level diff of two texts (issue 7, version history). Each word, run of spaces and punctuation
 * mark becomes one token; diff-match-patch diffs the token sequences (the same trick as its line mode),
 * so a changed word shows as one deleted and one inserted word, never as scattered letters.
 */
export type DiffPart = { op: "equal" | "insert" | "delete"; text: string };

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'’-]*|\s+|[^\s\p{L}\p{N}]/gu;

export function wordDiff(before: string, after: string): DiffPart[] {
  const vocab = new Map<string, string>();
  const tokens: string[] = [];
  const encode = (text: string) => {
    let out = "";
    for (const token of text.match(TOKEN) ?? []) {
      let code = vocab.get(token);
      if (code === undefined) {
        // Skip the surrogate range so every token is one UTF-16 unit.
        let n = tokens.length;
        if (n >= 0xd800) n += 0x800;
        if (n > 0xffff) throw new Error("Too many distinct words to diff.");
        code = String.fromCharCode(n);
        vocab.set(token, code);
        tokens.push(token);
      }
      out += code;
    }
    return out;
  };
  const a = encode(before);
  const b = encode(after);
  const dmp = new DiffMatchPatch();
  dmp.Diff_Timeout = 2;
  const diffs = dmp.diff_main(a, b, false);
  dmp.diff_cleanupSemantic(diffs);
  const decode = (s: string) =>
    Array.from(s, (ch) => {
      let n = ch.charCodeAt(0);
      if (n >= 0xe000 && n - 0x800 >= 0xd800) n -= 0x800;
      return tokens[n];
    }).join("");
  const parts: DiffPart[] = [];
  for (const [op, s] of diffs) {
    const text = decode(s);
    if (!text) continue;
    const kind = op === 0 ? "equal" : op === 1 ? "insert" : "delete";
    const last = parts[parts.length - 1];
    if (last?.op === kind) last.text += text;
    else parts.push({ op: kind, text });
  }
  return parts;
}

export function diffStats(parts: DiffPart[]): { inserted: number; deleted: number } {
  const words = (t: string) => t.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  return {
    inserted: parts.filter((p) => p.op === "insert").reduce((n, p) => n + words(p.text), 0),
    deleted: parts.filter((p) => p.op === "delete").reduce((n, p) => n + words(p.text), 0),
  };
}
