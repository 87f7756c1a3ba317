// Suggested claims of an article (issue 16 §1): its check-worthy sentences, best first.
import { scoreSentence, type TReason } from "./check-worthiness";
import { splitSentences } from "./sentences";

export type Suggestion = {
  /** Stable within one article version: the sentence's plain-text span. */
  key: string;
  start: number;
  end: number;
  text: string;
  score: number;
  reasons: TReason[];
};

export function suggestClaims(plainText: string): Suggestion[] {
  const suggestions: Suggestion[] = [];
  for (const s of splitSentences(plainText)) {
    const { score, checkWorthy, reasons } = scoreSentence(s.text);
    // A suggestion must say why: a sentence with no number, date, comparison, source, cause or quote is left out.
    if (checkWorthy && reasons.length) suggestions.push({ key: `${s.start}-${s.end}`, start: s.start, end: s.end, text: s.text, score, reasons });
  }
  return suggestions.sort((a, b) => b.score - a.score || a.start - b.start);
}

export { isCovered } from "./covered";
