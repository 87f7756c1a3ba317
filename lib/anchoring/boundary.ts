/** Where an edit's edges look natural: shared by reanchor (diff slides) and anchor (insertions next to a quote). */

/**
 * diff-match-patch's boundary score (diff_cleanupSemanticScore_ in diff_cleanupSemanticLossless): 6 at the
 * edge of the text, 5 blank line, 4 line break, 3 end of sentence, 2 whitespace, 1 other punctuation, 0 mid-word.
 * `text[from, at)` is the piece left of the boundary, `text[at, to)` the piece right of it.
 */
export function boundaryScore(text: string, from: number, at: number, to: number): number {
  if (at <= from || at >= to) return 6;
  const c1 = text[at - 1];
  const c2 = text[at];
  const nonAlnum1 = /[^a-zA-Z0-9]/.test(c1);
  const nonAlnum2 = /[^a-zA-Z0-9]/.test(c2);
  const ws1 = nonAlnum1 && /\s/.test(c1);
  const ws2 = nonAlnum2 && /\s/.test(c2);
  const lb1 = ws1 && /[\r\n]/.test(c1);
  const lb2 = ws2 && /[\r\n]/.test(c2);
  const blank1 = lb1 && /\n\r?\n$/.test(text.slice(Math.max(from, at - 3), at));
  const blank2 = lb2 && /^\r?\n\r?\n/.test(text.slice(at, Math.min(to, at + 4)));
  if (blank1 || blank2) return 5;
  if (lb1 || lb2) return 4;
  if (nonAlnum1 && !ws1 && ws2) return 3;
  if (ws1 || ws2) return 2;
  if (nonAlnum1 || nonAlnum2) return 1;
  return 0;
}

/** How natural an edit occupying text[x, x + len) between text[lo, x) and text[x + len, hi) looks (both edges). */
export function editScore(text: string, lo: number, x: number, len: number, hi: number): number {
  return boundaryScore(text, lo, x, x + len) + boundaryScore(text, x, x + len, hi);
}
