// Suggested claims of an article (issue 16 §1): its check-worthy sentences, or the clause within a
// sentence worth checking, best first.
import { scoreSentence, type TReason } from "./check-worthiness";
import { splitSentences } from "./sentences";

export type Suggestion = {
  /** Stable within one article version: the suggested words' plain-text span. */
  key: string;
  start: number;
  end: number;
  text: string;
  score: number;
  reasons: TReason[];
  /** "clause" when only part of a sentence is suggested: the rest is opinion, a question or a greeting. */
  scope: "sentence" | "clause";
};

type Span = { start: number; end: number; text: string };

// Where one clause ends and another begins: a semicolon, a spaced dash, or a comma before a word
// that opens a new clause. Plain commas are not breaks: "116 were killed, SOHR said" is one claim.
const CLAUSE_BREAK = /\s*;\s+|\s+[—–-]{1,2}\s+|,\s+(?=(?:but|while|whereas|although|though|yet|and|so|even though)\s)/gi;
const OPENING_CONJUNCTION = /^(?:(?:but|while|whereas|although|though|yet|and|so|even though)\s+)+/i;
/** A piece shorter than this is not a clause of its own ("he said"): it stays with the piece before it. */
const MIN_CLAUSE_WORDS = 4;

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** The clauses of a sentence, as spans of the same text the sentence is a span of. */
export function splitClauses(sentence: Span): Span[] {
  const pieces: Span[] = [];
  let cursor = 0;
  const push = (from: number, to: number) => {
    const raw = sentence.text.slice(from, to);
    const lead = raw.length - raw.trimStart().length + (OPENING_CONJUNCTION.exec(raw.trimStart())?.[0].length ?? 0);
    const text = raw.slice(lead).trimEnd();
    if (!text) return;
    const piece = { start: sentence.start + from + lead, end: sentence.start + from + lead + text.length, text };
    const previous = pieces[pieces.length - 1];
    if (previous && (wordCount(text) < MIN_CLAUSE_WORDS || wordCount(previous.text) < MIN_CLAUSE_WORDS)) {
      // Join the short piece to its neighbour: the span runs from the neighbour's start to this piece's end.
      pieces[pieces.length - 1] = { start: previous.start, end: piece.end, text: sentence.text.slice(previous.start - sentence.start, piece.end - sentence.start) };
    } else pieces.push(piece);
  };
  for (const m of sentence.text.matchAll(CLAUSE_BREAK)) {
    push(cursor, m.index);
    cursor = m.index + m[0].length;
  }
  push(cursor, sentence.text.length);
  return pieces;
}

export function suggestClaims(plainText: string): Suggestion[] {
  const suggestions: Suggestion[] = [];
  const add = (s: Span, scope: Suggestion["scope"]) => {
    const { score, checkWorthy, reasons } = scoreSentence(s.text);
    // A suggestion must say why: words with no number, date, comparison, source, cause or quote are left out.
    if (!checkWorthy || !reasons.length) return false;
    suggestions.push({ key: `${s.start}-${s.end}`, start: s.start, end: s.end, text: s.text, score, reasons, scope });
    return true;
  };
  for (const sentence of splitSentences(plainText)) {
    const clauses = sentence.text.length > 40 ? splitClauses(sentence) : [sentence];
    const worthy = clauses.length > 1 ? clauses.filter((c) => { const r = scoreSentence(c.text); return r.checkWorthy && r.reasons.length > 0; }) : [];
    // Only part of the sentence is worth checking: suggest that part. Otherwise the whole sentence.
    if (worthy.length && worthy.length < clauses.length) for (const c of worthy) add(c, "clause");
    else add(sentence, "sentence");
  }
  return suggestions.sort((a, b) => b.score - a.score || a.start - b.start);
}

export { isCovered } from "./covered";
