// Figures that disagree across articles (issue 16 §2): the same counted quantity about the same
// event, reported differently in another article in Factmark. Pure TypeScript; the service
// (workspace-intelligence.ts) finds the other articles in the database.
import { disagree, findAbbreviations, findFigureMentions, type FigureConflict, type FigureMention } from "./figures";
import { splitSentences } from "./sentences";
import { isTitleCase, mergeTerms, sameSubject, subjectTerms, type SubjectTerms } from "./subjects";

export type ArticleRef = { slug: string; title: string };

export type LocatedMention = FigureMention & { sentenceTerms: SubjectTerms; terms: SubjectTerms };

/** One article version's counted figures, each with the names around it. */
export type ArticleFigures = { mentions: LocatedMention[]; names: SubjectTerms["names"] };

/** How many sentences at the start (headlines and captions in title case skipped) say what the article is about. */
const LEAD_SENTENCES = 4;
const LEAD_CHARACTERS = 4000;
/** Cards across articles, at most: a long article full of figures would otherwise list hundreds. */
export const MAX_CROSS_CONFLICTS = 20;

export function analyseArticleFigures(plainText: string, mentions: FigureMention[] = findFigureMentions(plainText)): ArticleFigures {
  const abbreviations = findAbbreviations(plainText);
  // Who gives figures is never what they are about: "SOHR says 116" and "SOHR says 40" may be two events.
  const sources = new Set<string>();
  for (const m of mentions) if (m.source) sources.add(m.source);
  for (const [abbr, full] of abbreviations) if (sources.has(full)) sources.add(abbr);
  // Only the start of the text can hold the lead: splitting all of a long article for it is waste.
  const lead = mergeTerms(
    ...splitSentences(plainText.slice(0, LEAD_CHARACTERS))
      .filter((s) => !isTitleCase(s.text))
      .slice(0, LEAD_SENTENCES)
      .map((s) => subjectTerms(s.text, sources)),
  );
  lead.places.clear();
  lead.years.clear();
  // Figures of one sentence share its names.
  const bySentence = new Map<string, SubjectTerms>();
  const located = mentions.map((m) => {
    const sentenceTerms = bySentence.get(m.passage) ?? subjectTerms(m.passage, sources);
    bySentence.set(m.passage, sentenceTerms);
    return { ...m, sentenceTerms, terms: mergeTerms(lead, sentenceTerms) };
  });
  return { mentions: located, names: mergeTerms(lead, ...located.map((m) => m.sentenceTerms)).names };
}

export type CrossConflict = FigureConflict & { article: ArticleRef };

/**
 * Pairs of this article's figures with another article's figures for the same quantity and event
 * that cannot both be right. A figure of the other article that this article also gives is left
 * out: that disagreement already shows within this article.
 */
export function findCrossArticleConflicts(own: ArticleFigures, others: { article: ArticleRef; figures: ArticleFigures }[]): CrossConflict[] {
  const conflicts: CrossConflict[] = [];
  const ownFigures = new Set(own.mentions.map((m) => `${m.key}|${m.low}-${m.high}`));
  for (const { article, figures } of others) {
    const seen = new Set<string>();
    const byKey = new Map<string, LocatedMention[]>();
    for (const m of figures.mentions) if (!ownFigures.has(`${m.key}|${m.low}-${m.high}`)) byKey.set(m.key, [...(byKey.get(m.key) ?? []), m]);
    for (const mine of own.mentions) {
      if (mine.part) continue;
      for (const theirs of byKey.get(mine.key) ?? []) {
        if (!disagree(mine, theirs) || !sameSubject({ terms: mine.terms, sentence: mine.sentenceTerms }, { terms: theirs.terms, sentence: theirs.sentenceTerms })) continue;
        // One card per pair of figures: the first mention of each.
        const id = `${mine.low}-${mine.high}|${theirs.low}-${theirs.high}`;
        if (seen.has(id)) continue;
        seen.add(id);
        conflicts.push({ key: mine.key, quantity: mine.quantity, first: mine, second: theirs, article });
      }
    }
  }
  return conflicts.sort((p, q) => p.first.start - q.first.start || p.article.slug.localeCompare(q.article.slug)).slice(0, MAX_CROSS_CONFLICTS);
}
