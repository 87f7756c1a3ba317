// Check-worthiness of one sentence (issue 16 §1): a weighted sum of features, squashed to [0, 1].
// Pure TypeScript: the CLI, the workspace service and the benchmark share it. Word classes come from
// compromise's lexicon (part of speech, number words, months, names); full compromise tagging is
// ~6 ms a sentence on this machine, far over the 10,000-sentences-in-2-s budget, so it is not
// run per sentence (docs/decisions.md, "Check-worthiness").
import { lexiconTags } from "./lexicon";

export const REASONS = ["number", "date", "statistic", "attribution", "causal", "quote"] as const;
export type TReason = (typeof REASONS)[number];

export type CheckWorthiness = { score: number; checkWorthy: boolean; reasons: TReason[] };

/** Scores at or above this count as check-worthy. */
export const CHECK_WORTHY_THRESHOLD = 0.45;

const WORD = /\$?\d[\d,.]*\d%?|\$?\d%?|[\p{L}][\p{L}'’-]*/gu;

const NUMBER_TAGS = new Set(["Cardinal", "Multiple", "TextValue", "Fraction"]);
const DATE_TAGS = new Set(["Month", "WeekDay", "Date"]);
const NAME_TAGS = new Set(["Person", "MaleName", "FemaleName", "LastName", "FirstName", "Place", "City", "Region", "Country", "Organization", "ProperNoun", "Demonym"]);
const QUANTITY_WORDS = new Set(["half", "third", "thirds", "quarter", "twice", "dozens", "hundreds", "thousands", "millions", "billions", "fourfold", "threefold", "twofold"]);
// Words that make a sentence about change or rank: the "statistic or comparison" reason.
const STATISTIC_WORDS = new Set([
  "percent", "percentage", "rate", "rates", "average", "median", "majority", "record", "doubled", "tripled", "quadrupled", "halved",
  "fourfold", "rose", "risen", "rise", "fell", "fallen", "grew", "grown", "dropped", "jumped", "surged", "plunged", "increase", "increased",
  "decrease", "decreased", "declined", "share", "ranks", "ranked", "outnumber", "all-time", "largest", "highest", "lowest", "most", "fewer", "less", "than", "only", "second-largest", "per",
]);
const ATTRIBUTION_VERBS = new Set([
  "said", "says", "told", "tells", "reported", "reports", "announced", "stated", "estimates", "estimated", "found", "show", "shows", "showed",
  "concluded", "confirmed", "admitted", "according", "data", "figures", "study", "survey", "poll", "audit", "census",
]);
const CAUSAL_WORDS = new Set(["because", "caused", "causes", "causing", "blamed"]);
const CAUSAL_PHRASES = /\b(due to|led to|leads to|as a result|resulted in|result of|after it emerged|thanks to)\b/i;
const OPINION_PHRASES =
  /\b(i think|i believe|i hope|i want|i love|i feel|i'm|i am|i've|i'll|i will|i know|i don't|we will|we'll|we need|we must|we should|we can|we have to|we want|we're going|let's|let me|you know|believe me|trust me|my plan|it's time|enough is enough|of course)\b/i;
const GREETING = /\b(thank you|thanks|welcome|hello|good (evening|morning|night|afternoon)|god bless|congratulations|please)\b/i;
const JUDGEMENT_WORDS = new Set([
  "great", "wonderful", "terrible", "ridiculous", "disgrace", "shame", "fantastic", "incredible", "amazing", "best", "worst", "wrong",
  "fair", "unfair", "proud", "honest", "important", "serious", "tough", "strong", "beautiful", "horrible", "tragedy", "deserve", "deserves",
]);
const MODAL_WORDS = new Set(["should", "must", "would", "could", "might", "can", "will", "may", "shall", "going"]);
const PERSONAL_PRONOUNS = new Set(["i", "me", "my", "we", "us", "our", "you", "your"]);
const YEAR = /^(1[89]\d\d|20\d\d)s?$/;
const DATE_WORDS = new Set(["yesterday", "today", "ago", "since", "decade", "decades", "century", "annual", "annually", "overnight", "weekend"]);
const QUOTE = /["“][^"”]{12,}["”]/;

// Weights were set by hand on the train split of fixtures/check-worthiness.jsonl; the test split
// is only measured (docs/benchmarks.md).
const WEIGHTS = {
  bias: -1.2,
  digits: 1.7,
  numberWord: 0.7,
  date: 0.6,
  statistic: 0.9,
  attribution: 1.2,
  causal: 0.9,
  quote: 0.6,
  name: 0.35,
  pastTense: 0.7,
  question: -2.6,
  opinion: -1.3,
  greeting: -1.6,
  judgement: -0.7,
  modal: -0.45,
  personal: -0.5,
  short: -1.0,
};

export type Features = Record<Exclude<keyof typeof WEIGHTS, "bias">, number>;

export function extractFeatures(sentence: string): Features {
  const words = sentence.match(WORD) ?? [];
  const lower = words.map((w) => w.toLowerCase().replace(/['’]s$/, ""));
  let digits = 0;
  let numberWord = 0;
  let date = 0;
  let statistic = 0;
  let attribution = 0;
  let causal = 0;
  let name = 0;
  let pastTense = 0;
  let judgement = 0;
  let modal = 0;
  let personal = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const w = lower[i];
    const tags = w.includes("-") ? w.split("-").flatMap(lexiconTags) : lexiconTags(w);
    const isDigit = /\d/.test(word);
    if (isDigit && YEAR.test(word)) date++;
    else if (isDigit) digits++;
    else if (QUANTITY_WORDS.has(w) || tags.some((t) => NUMBER_TAGS.has(t))) numberWord++;
    if (tags.some((t) => DATE_TAGS.has(t)) || DATE_WORDS.has(w)) date++;
    if (STATISTIC_WORDS.has(w) || word.endsWith("%") || tags.includes("Superlative") || tags.includes("Comparative") || tags.includes("Currency") || word.startsWith("$")) statistic++;
    if (ATTRIBUTION_VERBS.has(w)) attribution++;
    if (CAUSAL_WORDS.has(w)) causal++;
    if (i > 0 && /^\p{Lu}/u.test(word) && w !== "i") name++;
    else if (tags.some((t) => NAME_TAGS.has(t))) name += 0.5;
    if (tags.includes("PastTense") || (tags.length === 0 && /[a-z]ed$/.test(w))) pastTense++;
    if (JUDGEMENT_WORDS.has(w)) judgement++;
    if (MODAL_WORDS.has(w)) modal++;
    if (PERSONAL_PRONOUNS.has(w)) personal++;
  }
  if (CAUSAL_PHRASES.test(sentence)) causal++;
  return {
    digits: Math.min(digits, 2),
    numberWord: Math.min(numberWord, 2),
    date: Math.min(date, 2),
    statistic: Math.min(statistic, 2),
    attribution: Math.min(attribution, 1),
    causal: Math.min(causal, 1),
    quote: QUOTE.test(sentence) ? 1 : 0,
    name: Math.min(name, 3),
    pastTense: Math.min(pastTense, 2),
    question: /\?["”']?\s*$/.test(sentence) ? 1 : 0,
    opinion: OPINION_PHRASES.test(sentence) ? 1 : 0,
    greeting: GREETING.test(sentence) ? 1 : 0,
    judgement: Math.min(judgement, 2),
    modal: Math.min(modal, 2),
    personal: Math.min(personal, 2),
    short: words.length < 6 ? 1 : 0,
  };
}

/** The reasons a reviewer sees: only the families of evidence that point towards a factual claim. */
export function reasonsFor(f: Features): TReason[] {
  const reasons: TReason[] = [];
  if (f.digits > 0 || f.numberWord > 0) reasons.push("number");
  if (f.date > 0) reasons.push("date");
  if (f.statistic > 0) reasons.push("statistic");
  if (f.attribution > 0) reasons.push("attribution");
  if (f.causal > 0) reasons.push("causal");
  if (f.quote > 0) reasons.push("quote");
  return reasons;
}

export function scoreSentence(sentence: string): CheckWorthiness {
  const f = extractFeatures(sentence);
  let sum = WEIGHTS.bias;
  for (const key of Object.keys(f) as (keyof Features)[]) sum += WEIGHTS[key] * f[key];
  const score = Math.round((1 / (1 + Math.exp(-sum))) * 1e4) / 1e4;
  return { score, checkWorthy: score >= CHECK_WORTHY_THRESHOLD, reasons: reasonsFor(f) };
}
