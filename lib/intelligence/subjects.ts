// What a figure is about (issue 16 §2, across articles): the names around it. Two articles'
// "civilians killed" are the same quantity only when they are about the same event, which here
// means they share a name (a town, a group) other than who gives the figure, and neither figure's
// own sentence puts it somewhere ("in Mosul") the other article does not speak of.
import { lexiconTags } from "./lexicon";

// Capitalised words, joined by the small words names contain ("Syrian Observatory for Human Rights").
const NAME_RUN = /\p{Lu}[\p{L}\p{N}'’.-]*(?:\s+(?:(?:of|for|the|and|de|al)\s+)*\p{Lu}[\p{L}\p{N}'’.-]*)*/gu;
// Words too broad to tell two events apart: countries, nationalities, days and months.
const BROAD_TAGS = new Set(["Country", "Demonym", "Region", "Month", "WeekDay", "Date", "Pronoun", "Determiner", "Preposition", "Conjunction"]);
const NAME_TAGS = new Set(["Person", "MaleName", "FemaleName", "LastName", "FirstName", "Place", "City", "Organization", "ProperNoun"]);
const PLACE_BEFORE = new Set(["in", "at", "near", "outside"]);
const YEAR = /\b(1[89]\d\d|20\d\d)\b/g;

export type SubjectTerms = {
  /** Names in the text, as written (for the database's substring search) and in lower case (for comparing). */
  names: Map<string, string>;
  /** Names the text puts a figure in: "in Al-Qaryatain". Lower case. */
  places: Set<string>;
  years: Set<string>;
};

function cleanName(raw: string, atSentenceStart: boolean): string | null {
  const words = raw.replace(/['’]s\b/g, "").replace(/[.’'-]+$/, "").split(/\s+/);
  // A sentence's first word is capitalised anyway: keep it only if the lexicon does not know it as an ordinary word.
  if (atSentenceStart) {
    const tags = lexiconTags(words[0].toLowerCase());
    if (tags.length && !tags.some((t) => NAME_TAGS.has(t))) words.shift();
  }
  const name = words.join(" ").trim();
  if (name.length < 2) return null;
  if (!name.includes(" ") && lexiconTags(name.toLowerCase()).some((t) => BROAD_TAGS.has(t))) return null;
  return name;
}

/** The names, places and years of one sentence, leaving out the names of who gives its figures. */
export function subjectTerms(sentence: string, exclude: Iterable<string> = []): SubjectTerms {
  const excluded = new Set([...exclude].map((e) => e.toLowerCase()));
  const names = new Map<string, string>();
  const places = new Set<string>();
  for (const m of sentence.matchAll(NAME_RUN)) {
    const before = sentence.slice(0, m.index).trimEnd();
    const name = cleanName(m[0], before === "" || /[.!?:"“]$/.test(before));
    if (!name) continue;
    const lower = name.toLowerCase();
    if ([...excluded].some((e) => e.includes(lower) || lower.includes(e))) continue;
    names.set(lower, name);
    if (PLACE_BEFORE.has(before.split(/\s+/).pop()?.toLowerCase() ?? "")) places.add(lower);
  }
  return { names, places, years: new Set(sentence.match(YEAR) ?? []) };
}

/** A headline or caption in title case names everything it mentions; its words say little about the subject. */
export function isTitleCase(sentence: string): boolean {
  const words = sentence.split(/\s+/).filter((w) => /^\p{L}/u.test(w) && w.length > 3);
  return words.length > 2 && words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length > 0.6;
}

export function mergeTerms(...all: SubjectTerms[]): SubjectTerms {
  const merged: SubjectTerms = { names: new Map(), places: new Set(), years: new Set() };
  for (const t of all) {
    for (const [k, v] of t.names) merged.names.set(k, v);
    for (const p of t.places) merged.places.add(p);
    for (const y of t.years) merged.years.add(y);
  }
  return merged;
}

/**
 * Whether two figures from different articles are about the same event: they share a name, every
 * place either figure's sentence names is one the other side speaks of, and when both sentences
 * give years they share one.
 */
export function sameSubject(a: { terms: SubjectTerms; sentence: SubjectTerms }, b: { terms: SubjectTerms; sentence: SubjectTerms }): boolean {
  let shared = false;
  for (const n of a.terms.names.keys()) if (b.terms.names.has(n)) {
    shared = true;
    break;
  }
  if (!shared) return false;
  for (const p of a.sentence.places) if (!b.terms.names.has(p)) return false;
  for (const p of b.sentence.places) if (!a.terms.names.has(p)) return false;
  if (a.sentence.years.size && b.sentence.years.size && ![...a.sentence.years].some((y) => b.sentence.years.has(y))) return false;
  return true;
}
