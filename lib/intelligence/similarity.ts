// "Checked before" (issue 16 §3): how nearly two claims say the same thing. A JavaScript index,
// not pg_trgm: pg_trgm would need the extension created in PostgreSQL and loaded into PGlite at
// start-up (lib/db), and this index serves both databases the same way (docs/decisions.md).
import { lexiconTags } from "./lexicon";

const STOPWORDS = new Set([
  "the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "from", "that", "this", "is", "are", "was", "were",
  "be", "been", "has", "have", "had", "it", "its", "as", "than", "about", "some", "least", "more", "over", "according", "said", "says",
]);

export type Normalised = { text: string; words: Set<string>; numbers: Set<string>; trigrams: Set<string> };

/** Lower case, numbers in one form ("1,200" → "1200", "sixty" → "60", "%" → "percent"), punctuation dropped. */
export function normalise(raw: string): Normalised {
  const tokens = raw
    .toLowerCase()
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .replace(/%/g, " percent")
    .replace(/[’']s\b/g, "")
    .split(/[^\p{L}\p{N}.]+/u)
    .map((t) => t.replace(/\.$/, ""))
    .filter(Boolean)
    .map((t) => NUMBER_WORDS[t] ?? t);
  const words = new Set(tokens.filter((t) => !STOPWORDS.has(t)).map(stem));
  const numbers = new Set(tokens.filter((t) => /^\d+(\.\d+)?$/.test(t)));
  const text = tokens.join(" ");
  const trigrams = new Set<string>();
  const padded = `  ${text} `;
  for (let i = 0; i + 3 <= padded.length; i++) trigrams.add(padded.slice(i, i + 3));
  return { text, words, numbers, trigrams };
}

const NUMBER_WORDS: Record<string, string> = Object.fromEntries(
  ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"].map((w, i) => [w, String(i)]).concat(
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"].map((w, i) => [w, String((i + 2) * 10)]),
  ),
);

function stem(word: string): string {
  if (/^\d/.test(word) || lexiconTags(word).includes("ProperNoun")) return word;
  return word.replace(/(ies|es|s|ed|ing)$/, "").slice(0, 8) || word;
}

const jaccard = (a: Set<string>, b: Set<string>) => {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared || 1);
};

const overlap = (a: Set<string>, b: Set<string>) => {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (Math.min(a.size, b.size) || 1);
};

/**
 * 0..1. Trigram similarity carries wording, word overlap carries paraphrase, and numbers must agree:
 * "116 civilians killed" and "67 civilians killed" share almost every trigram but are different claims.
 */
export function similarity(a: Normalised, b: Normalised): number {
  const base = 0.5 * jaccard(a.trigrams, b.trigrams) + 0.5 * overlap(a.words, b.words);
  if (a.numbers.size && b.numbers.size) return jaccard(a.numbers, b.numbers) === 0 ? base * 0.4 : base * (0.7 + 0.3 * jaccard(a.numbers, b.numbers));
  if (a.numbers.size !== b.numbers.size) return base * 0.8;
  return base;
}

/** An inverted trigram index: a lookup scores only entries sharing enough trigrams with the query. */
export class SimilarIndex<T> {
  private readonly entries: { item: T; norm: Normalised }[] = [];
  private readonly postings = new Map<string, number[]>();

  add(text: string, item: T): void {
    const norm = normalise(text);
    const id = this.entries.push({ item, norm }) - 1;
    for (const g of norm.trigrams) {
      const list = this.postings.get(g);
      if (list) list.push(id);
      else this.postings.set(g, [id]);
    }
  }

  get size(): number {
    return this.entries.length;
  }

  search(text: string, opts: { limit?: number; minScore?: number; keep?: (item: T) => boolean } = {}): { item: T; score: number }[] {
    const { limit = 5, minScore = 0.45, keep = () => true } = opts;
    const query = normalise(text);
    // Candidates come from the query's rarer trigrams: one in most entries (" in", "the") would
    // make every lookup touch the whole index and tells nothing apart.
    const common = Math.max(64, this.entries.length / 20);
    const informative = [...query.trigrams].filter((g) => (this.postings.get(g)?.length ?? 0) <= common);
    const shared = new Map<number, number>();
    for (const g of informative) for (const id of this.postings.get(g) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    // Only entries sharing at least a third of those trigrams can reach minScore.
    const floor = informative.length / 3;
    const results: { item: T; score: number }[] = [];
    for (const [id, count] of shared) {
      if (count < floor) continue;
      const entry = this.entries[id];
      if (!keep(entry.item)) continue;
      const score = similarity(query, entry.norm);
      if (score >= minScore) results.push({ item: entry.item, score: Math.round(score * 1000) / 1000 });
    }
    return results.sort((x, y) => y.score - x.score).slice(0, limit);
  }
}
