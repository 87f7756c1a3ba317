// Figures that disagree (issue 16 §2): numeric statements about the same counted quantity
// ("civilians killed") whose figures cannot both be right, with who gives each figure.
// Pure TypeScript over the canonical plain text; offsets are UTF-16 indexes into that text.
// Across articles: cross-figures.ts.
import nlp from "compromise";
import { lexiconTags } from "./lexicon";
import { splitSentences } from "./sentences";

export type FigureMention = {
  /** The figure's words: from the number to the counted noun. */
  start: number;
  end: number;
  text: string;
  /** The whole sentence the figure is in: what "Check this" cites. */
  passage: string;
  /** The number as written ("116", "sixty-seven"). */
  figure: string;
  low: number;
  high: number;
  /** "civilians killed": the counted noun and, when there is one, what happened to them. */
  quantity: string;
  key: string;
  /** Who gives the figure, when the sentence says so. */
  source: string | null;
  /** "including 40 children": a part of a total, never in disagreement with the total. */
  part: boolean;
};

/** Cards within one article, at most: an article giving many tolls for one quantity would otherwise list every pair. */
export const MAX_CONFLICTS = 20;

export type FigureConflict = { key: string; quantity: string; first: FigureMention; second: FigureMention };

type Token = { text: string; lower: string; start: number; end: number };

const TOKEN = /[\p{L}\p{N}$£€][\p{L}\p{N}'’.,-]*[\p{L}\p{N}%]|[\p{L}\p{N}]/gu;
const DIGITS = /^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$/;
const YEAR = /^(1[5-9]\d\d|20\d\d)$/;
// Nouns that measure rather than count: "20 days", "100 kilometers" are never a disputed toll.
const MEASURE_WORDS = new Set([
  "day", "week", "month", "year", "hour", "minute", "second", "decade", "century", "kilometer", "kilometre", "km", "mile", "meter", "metre",
  "foot", "feet", "inch", "percent", "per", "time", "dollar", "euro", "pound", "ton", "tonne", "degree", "acre", "hectare", "point", "kg",
]);
const MULTIPLIERS: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9 };
// What happened to the counted people: wordings of one event count as one quantity.
const EVENTS: Record<string, string> = {
  killed: "killed", executed: "killed", executions: "killed", execution: "killed", dead: "killed", died: "killed", deaths: "killed",
  murdered: "killed", slain: "killed", massacred: "killed", killing: "killed", killings: "killed", toll: "killed", shot: "killed",
  injured: "injured", wounded: "injured", hurt: "injured",
  arrested: "arrested", detained: "arrested", jailed: "arrested",
  displaced: "displaced", fled: "displaced", evacuated: "displaced", homeless: "displaced",
  kidnapped: "held", abducted: "held", hostage: "held", hostages: "held",
  missing: "missing", rescued: "rescued", infected: "infected", cases: "infected", hospitalized: "hospitalized",
  laid: "laid off", fired: "laid off", sacked: "laid off", hired: "hired", employed: "employed", employs: "employed", attended: "attended", protested: "protested",
};
const PART_MARKERS = new Set(["including", "among", "whom", "them", "included"]);
const LOWER_BOUND = ["at least", "more than", "over", "upwards of", "no fewer than", "no less than"];
const UPPER_BOUND = ["fewer than", "less than", "under", "up to", "at most", "no more than"];
const APPROXIMATE = new Set(["about", "around", "some", "nearly", "almost", "roughly", "approximately", "estimated", "approx", "circa"]);
const ATTRIBUTION = /\b(said|says|told|tells|reported|reports|identified|counted|counts|recorded|records|documented|estimated|estimates|confirmed|announced|put|puts|gave|listed)\b/;
const NAME_PHRASE = /\b\p{Lu}[\p{L}\p{N}'’.-]*(?:\s+(?:(?:of|for|the|and|on)\s+)*\p{Lu}[\p{L}\p{N}'’.-]*)*/gu;
const ABBREVIATION = /(\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:of|for|the|and|on)\s+)*\p{Lu}[\p{L}'’.-]*)+)\s+\((\p{Lu}{2,})\)/gu;

function tokenize(text: string, offset: number): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ text: m[0], lower: m[0].toLowerCase(), start: offset + m.index, end: offset + m.index + m[0].length }));
}

function singular(word: string): string {
  if (word === "people" || word === "persons" || word === "person") return "people";
  if (word.endsWith("ies")) return word.slice(0, -3) + "y";
  if (word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

// Number words are few and compromise parses each in about a millisecond: parse each word once.
const wordValues = new Map<string, number | null>();

/** The value of a number token: digits directly, number words through compromise's number parser. */
function numberValue(token: Token): number | null {
  const bare = token.text.replace(/^[$£€]/, "");
  if (DIGITS.test(bare)) return Number(bare.replace(/,/g, ""));
  if (/\d/.test(bare)) return null;
  const known = wordValues.get(token.lower);
  if (known !== undefined) return known;
  const value = parseNumberWord(token);
  if (wordValues.size < 10_000) wordValues.set(token.lower, value);
  return value;
}

function parseNumberWord(token: Token): number | null {
  const tags = token.lower.includes("-") ? token.lower.split("-").flatMap(lexiconTags) : lexiconTags(token.lower);
  if (!tags.includes("Cardinal") && !tags.includes("TextValue")) return null;
  if (MULTIPLIERS[token.lower]) return null;
  const parsed = (nlp(token.text).numbers().get() as unknown[])[0];
  return typeof parsed === "number" && Number.isFinite(parsed) ? parsed : null;
}

function isNounLike(token: Token): boolean {
  if (token.lower === "people") return true;
  const tags = lexiconTags(token.lower);
  if (tags.includes("Plural") || tags.includes("Noun") || tags.includes("Singular") || tags.includes("Demonym") || tags.includes("Uncountable")) return true;
  if (tags.length === 0 && /[a-z]s$/.test(token.lower)) return true;
  return /^\p{Lu}[\p{Ll}]+s$/u.test(token.text);
}

function isModifier(token: Token): boolean {
  const tags = lexiconTags(token.lower);
  return tags.includes("Adjective") || tags.includes("Demonym") || (tags.length === 0 && !/s$/.test(token.lower));
}

function precededBy(tokens: Token[], i: number, phrases: readonly string[] | Set<string>): boolean {
  const before2 = tokens.slice(Math.max(0, i - 2), i).map((t) => t.lower).join(" ");
  const before1 = i > 0 ? tokens[i - 1].lower : "";
  for (const p of phrases) if (before1 === p || before2 === p || before2.endsWith(" " + p)) return true;
  return false;
}

/** Who gives the figures of a sentence: "according to X", or the name said/told/identified them. */
function findSource(sentence: string, abbreviations: Map<string, string>): string | null {
  const named = (phrase: string) => {
    const full = abbreviations.get(phrase);
    if (full) return full;
    const abbr = phrase.split(/\s+/).find((w) => abbreviations.has(w));
    return abbr ? abbreviations.get(abbr)! : phrase.replace(/^The\s+/, "").replace(/(\p{Ll})\.$/u, "$1");
  };
  const according = /according to (?:the )?(\p{Lu}[\p{L}\p{N}'’.-]*(?:\s+(?:(?:of|for|the|and|on)\s+)*\p{Lu}[\p{L}\p{N}'’.-]*)*)/u.exec(sentence);
  if (according) return named(according[1]);
  // Words inside quotation marks are the quoted speaker's, not who is speaking.
  const outside = sentence.replace(/["“][^"”]*["”]/g, (q) => " ".repeat(q.length));
  const verb = ATTRIBUTION.exec(outside);
  if (!verb) return null;
  const before = outside.slice(0, verb.index);
  const phrases = [...before.matchAll(NAME_PHRASE)].filter((m) => {
    const preceding = before.slice(0, m.index).trimEnd().split(/\s+/).pop()?.toLowerCase() ?? "";
    if (["in", "at", "from", "near", "to"].includes(preceding)) return false;
    if (m.index === 0 && !m[0].includes(" ")) return lexiconTags(m[0].toLowerCase()).some((t) => /Name|Organization|Place|Country|City|ProperNoun/.test(t)) || abbreviations.has(m[0]);
    return true;
  });
  if (!phrases.length) return null;
  const organisation = phrases.find((p) => p[0].split(/\s+/).some((w) => abbreviations.has(w)));
  return named((organisation ?? phrases[phrases.length - 1])[0].trim());
}

export function findAbbreviations(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of text.matchAll(ABBREVIATION)) map.set(m[2], m[1].replace(/^(?:the|The)\s+/, ""));
  return map;
}

/** Every counted figure in the text, in document order. */
export function findFigureMentions(plainText: string): FigureMention[] {
  const abbreviations = findAbbreviations(plainText);
  const mentions: FigureMention[] = [];
  for (const sentence of splitSentences(plainText)) {
    if (!/\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b/i.test(sentence.text)) continue;
    const tokens = tokenize(sentence.text, sentence.start);
    let source: string | null | undefined;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      let value = numberValue(token);
      if (value === null) continue;
      if (YEAR.test(token.text)) continue;
      const previous = tokens[i - 1];
      const next = tokens[i + 1];
      if ((previous && lexiconTags(previous.lower).includes("Month")) || (next && lexiconTags(next.lower).includes("Month"))) continue;
      let j = i + 1;
      if (tokens[j] && MULTIPLIERS[tokens[j].lower]) value *= MULTIPLIERS[tokens[j++].lower];
      let low = value;
      let high = value;
      // "between 50 and 80", "50 to 80"
      if (tokens[j] && (tokens[j].lower === "to" || (tokens[j].lower === "and" && precededBy(tokens, i, ["between"]))) && tokens[j + 1]) {
        const upper = numberValue(tokens[j + 1]);
        if (upper !== null && upper > value) {
          high = upper;
          j += 2;
        }
      }
      if (precededBy(tokens, i, LOWER_BOUND)) high = Infinity;
      else if (precededBy(tokens, i, UPPER_BOUND)) low = 0;
      else if (precededBy(tokens, i, APPROXIMATE)) {
        low = Math.floor(value * 0.9);
        high = Math.ceil(value * 1.1);
      }
      // The counted noun: the first noun within three words, past any adjectives ("116 Syrian civilians").
      let nounIndex = -1;
      for (let k = j; k < Math.min(tokens.length, j + 3); k++) {
        if (isNounLike(tokens[k]) && !isModifier(tokens[k])) {
          nounIndex = k;
          break;
        }
        if (isNounLike(tokens[k]) && k + 1 < tokens.length && !isNounLike(tokens[k + 1])) {
          nounIndex = k;
          break;
        }
        if (!isModifier(tokens[k]) && !isNounLike(tokens[k])) break;
      }
      if (nounIndex < 0) continue;
      const noun = singular(tokens[nounIndex].lower);
      if (MEASURE_WORDS.has(noun) || lexiconTags(noun).some((t) => t === "Unit" || t === "Duration" || t === "Currency")) continue;
      // What happened: first just after the noun ("67 civilians killed"), then just before the
      // number within the same clause ("killed at least 116 civilians"), never across "and" or a comma.
      let event = "";
      const eventOf = (t: Token) => EVENTS[t.lower] ?? EVENTS[t.lower.split("-").pop() ?? ""] ?? "";
      for (let k = nounIndex + 1; k < Math.min(tokens.length, nounIndex + 4) && !event; k++) event = eventOf(tokens[k]);
      for (let k = i - 1; k >= Math.max(0, i - 5) && !event; k--) {
        if (tokens[k].lower === "and" || sentence.text.charAt(tokens[k].end - sentence.start) === ",") break;
        event = eventOf(tokens[k]);
      }
      const part = tokens.slice(Math.max(0, i - 3), i).some((t) => PART_MARKERS.has(t.lower));
      source ??= findSource(sentence.text, abbreviations);
      const quantity = event ? `${tokens[nounIndex].lower} ${event}` : tokens[nounIndex].lower;
      mentions.push({
        start: token.start,
        end: tokens[nounIndex].end,
        text: plainText.slice(token.start, tokens[nounIndex].end),
        passage: sentence.text,
        figure: token.text,
        low,
        high,
        quantity,
        key: `${noun}|${event}`,
        source,
        part,
      });
      i = nounIndex;
    }
  }
  return mentions;
}

export function disagree(a: FigureMention, b: FigureMention): boolean {
  if (a.part || b.part) return false;
  return a.high < b.low || b.high < a.low;
}

/** Pairs of figures for one quantity that cannot both be right: one card per pair of distinct figures. */
export function findFigureConflicts(plainText: string, mentions: FigureMention[] = findFigureMentions(plainText)): FigureConflict[] {
  const byKey = new Map<string, FigureMention[]>();
  for (const m of mentions) byKey.set(m.key, [...(byKey.get(m.key) ?? []), m]);
  const conflicts: FigureConflict[] = [];
  for (const [key, mentions] of byKey) {
    // One representative per figure: the first mention that names its source, else the first.
    const representatives = new Map<string, FigureMention>();
    for (const m of mentions) {
      const id = `${m.low}-${m.high}`;
      const current = representatives.get(id);
      if (!current || (!current.source && m.source)) representatives.set(id, m);
    }
    const figures = [...representatives.values()].sort((x, y) => x.start - y.start);
    for (let x = 0; x < figures.length; x++)
      for (let y = x + 1; y < figures.length; y++)
        if (disagree(figures[x], figures[y])) conflicts.push({ key, quantity: figures[x].quantity, first: figures[x], second: figures[y] });
  }
  return conflicts.sort((p, q) => p.first.start - q.first.start || p.second.start - q.second.start).slice(0, MAX_CONFLICTS);
}

export function describeConflict(c: FigureConflict): string {
  const side = (m: FigureMention) => (m.source ? `${m.figure} (${m.source})` : m.figure);
  return `${side(c.first)} vs ${side(c.second)}`;
}
