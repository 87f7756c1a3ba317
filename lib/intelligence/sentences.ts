// Sentence spans of an article's canonical plain text, by compromise's sentence splitter (which
// knows "U.K.", "Mr." and "Jan." are not sentence ends). Only the splitter runs: it takes a few
// milliseconds for 20,000 words, where full tagging would take seconds.
import nlp from "compromise";

export type SentenceSpan = { start: number; end: number; text: string };

type SplitSentences = (text: string, world: unknown) => string[];

let split: ((text: string) => string[]) | null = null;

function splitter(): (text: string) => string[] {
  const methods = nlp.methods() as { one: { tokenize: { splitSentences: SplitSentences } } };
  const world = nlp.world();
  return (text) => methods.one.tokenize.splitSentences(text, world);
}

/** Blocks (paragraphs, headings) are split apart first, so a heading without a full stop never joins the next paragraph. */
export function splitSentences(plainText: string): SentenceSpan[] {
  split ??= splitter();
  const spans: SentenceSpan[] = [];
  const blockPattern = /[^\n]+(?:\n(?!\n)[^\n]*)*/g;
  for (const block of plainText.matchAll(blockPattern)) {
    let cursor = block.index;
    for (const piece of split(block[0])) {
      const at = plainText.indexOf(piece, cursor);
      if (at < 0) continue;
      cursor = at + piece.length;
      const leading = piece.length - piece.trimStart().length;
      const text = piece.trim();
      if (text) spans.push({ start: at + leading, end: at + leading + text.length, text });
    }
  }
  return spans;
}
