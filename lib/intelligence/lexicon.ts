// compromise's English lexicon (word → part-of-speech tags), read once. Looking words up in it is
// what lets the scorer know "million" is a number, "April" a month and "highest" a superlative
// without tagging every sentence.
import nlp from "compromise";

type Lexicon = Record<string, string | string[]>;

let lexicon: Map<string, string[]> | null = null;

function load(): Map<string, string[]> {
  const raw = (nlp.model() as { one: { lexicon: Lexicon } }).one.lexicon;
  return new Map(Object.entries(raw).map(([word, tags]) => [word, Array.isArray(tags) ? tags : [tags]]));
}

const NONE: string[] = [];

export function lexiconTags(lowerCaseWord: string): string[] {
  lexicon ??= load();
  return lexicon.get(lowerCaseWord) ?? NONE;
}
