/**
 * Claim spans of the kinds a fact-checker marks (issue 3): sentences, clauses, numbers with their noun, and
 * short quotes of 1–3 words (the hard case: they repeat). Deterministic; tests and benchmark only.
 */
export type SpanKind = "sentence" | "clause" | "number" | "short";
export type ClaimSpan = { start: number; end: number; kind: SpanKind };

function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return [start, end];
}

export function generateSpans(text: string, opts: { shortStride?: number } = {}): ClaimSpan[] {
  const out: ClaimSpan[] = [];
  const seen = new Set<string>();
  const add = (s: number, e: number, kind: SpanKind) => {
    [s, e] = trimSpan(text, s, e);
    if (e <= s) return;
    const key = `${s}:${e}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ start: s, end: e, kind });
  };
  // Sentence and clause marks of Latin, Arabic (؟ ، ؛) and Chinese (。！？，、；：（）) text.
  const sentRe = /[^.!?。！？؟\n]+[.!?。！？؟]*/gu;
  for (let m = sentRe.exec(text); m !== null; m = sentRe.exec(text)) {
    if (m[0].trim().length >= 15) add(m.index, m.index + m[0].length, "sentence");
    const clauseRe = /[^,;:()،؛，、；：（）]+/gu;
    for (let c = clauseRe.exec(m[0]); c !== null; c = clauseRe.exec(m[0])) {
      if (c[0].trim().length >= 12 && c[0].length < m[0].length) add(m.index + c.index, m.index + c.index + c[0].length, "clause");
    }
  }
  const numRe = /\d[\d,.:]*\d?(?:\s+[\p{L}-]+){1,2}/gu;
  for (let m = numRe.exec(text); m !== null; m = numRe.exec(text)) add(m.index, m.index + m[0].length, "number");
  const words: [number, number][] = [];
  // Chinese is not written with spaces: each Han character counts as a word, so short quotes are 1–3 characters.
  const wordRe = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}])(?:(?!\p{Script=Han})[\p{L}\p{N}'’-])*/gu;
  for (let m = wordRe.exec(text); m !== null; m = wordRe.exec(text)) words.push([m.index, m.index + m[0].length]);
  const stride = opts.shortStride ?? 2;
  for (let i = 0, n = 0; i < words.length; i += stride, n++) {
    const len = (n % 3) + 1;
    const j = Math.min(words.length - 1, i + len - 1);
    add(words[i][0], words[j][1], "short");
  }
  return out;
}
