import "server-only";
import { LRUCache } from "lru-cache";
import type { SessionUser } from "@/lib/auth/roles";
import type { CurrentArticle } from "@/lib/articles/read-articles";
import { assertCanReview } from "@/lib/claims/access";
import type { ClaimDto } from "@/lib/claims/claim-dto";
import { getPrisma } from "@/lib/db/client";
import { analyseArticleFigures, findCrossArticleConflicts, type ArticleFigures, type ArticleRef } from "./cross-figures";
import { describeConflict, findFigureConflicts, type FigureConflict, type FigureMention } from "./figures";
import { isCovered, suggestClaims, type Suggestion } from "./suggest";

export type SuggestionDto = Suggestion & { covered: boolean };
export type FigureDto = { start: number; end: number; text: string; passage: string; figure: string; source: string | null };
/** `article` is the other article the second figure is in; null when both figures are in this one. */
export type FigureConflictDto = { key: string; quantity: string; label: string; first: FigureDto; second: FigureDto; article: ArticleRef | null };
export type WorkspaceIntelligence = { suggestions: SuggestionDto[]; conflicts: FigureConflictDto[] };

type Analysis = { suggestions: Suggestion[]; conflicts: FigureConflictDto[]; figures: ArticleFigures };

// A version's text never changes, so its analysis is computed once per version and reused; every
// instance computes the same from the same rows, so nothing here has to be shared between them.
const analyses = new LRUCache<string, Analysis>({ max: 100 });
const otherFigures = new LRUCache<string, ArticleFigures>({ max: 1000 });

/** Other articles compared with this one at most: those most recently changed that name what it names. */
const MAX_OTHER_ARTICLES = 50;
/** Names searched for in other articles' text, at most. */
const MAX_NAMES = 30;

const toFigureDto = (m: FigureMention): FigureDto => ({ start: m.start, end: m.end, text: m.text, passage: m.passage, figure: m.figure, source: m.source });
const toConflictDto = (c: FigureConflict, article: ArticleRef | null): FigureConflictDto => ({
  key: c.key,
  quantity: c.quantity,
  label: describeConflict(c),
  first: toFigureDto(c.first),
  second: toFigureDto(c.second),
  article,
});

export function analyseVersion(versionId: string, plainText: string): Analysis {
  let analysis = analyses.get(versionId);
  if (!analysis) {
    const figures = analyseArticleFigures(plainText);
    analysis = {
      suggestions: suggestClaims(plainText),
      conflicts: findFigureConflicts(plainText, figures.mentions).map((c) => toConflictDto(c, null)),
      figures,
    };
    analyses.set(versionId, analysis);
  }
  return analysis;
}

/**
 * Figures of other articles' current versions that disagree with this article's (issue 16 §2).
 * The database narrows the other articles to those whose text contains a name this article's
 * figures are about; their figures are then found as for this article, once per version.
 */
async function crossArticleConflicts(article: CurrentArticle, own: ArticleFigures): Promise<FigureConflictDto[]> {
  const names = [...own.names.values()].slice(0, MAX_NAMES);
  if (!own.mentions.length || !names.length) return [];
  const prisma = await getPrisma();
  const candidates = await prisma.article.findMany({
    where: { id: { not: article.id }, versions: { some: { OR: names.map((n) => ({ plainText: { contains: n } })) } } },
    orderBy: { updatedAt: "desc" },
    take: MAX_OTHER_ARTICLES,
    select: { slug: true, title: true, versions: { orderBy: { number: "desc" }, take: 1, select: { id: true } } },
  });
  const current = candidates.flatMap((c) => (c.versions[0] ? [{ article: { slug: c.slug, title: c.title }, versionId: c.versions[0].id }] : []));
  const missing = current.filter((c) => !otherFigures.has(c.versionId)).map((c) => c.versionId);
  if (missing.length) {
    const rows = await prisma.articleVersion.findMany({ where: { id: { in: missing } }, select: { id: true, plainText: true } });
    for (const row of rows) otherFigures.set(row.id, analyseArticleFigures(row.plainText));
  }
  const others = current.flatMap((c) => {
    const figures = otherFigures.get(c.versionId);
    return figures ? [{ article: c.article, figures }] : [];
  });
  return findCrossArticleConflicts(own, others).map((c) => toConflictDto(c, c.article));
}

/** Suggestions (without the ones this reviewer dismissed on this version, marked when a claim covers them) and disagreeing figures. */
export async function getWorkspaceIntelligence(actor: SessionUser, article: CurrentArticle, claims: ClaimDto[]): Promise<WorkspaceIntelligence> {
  assertCanReview(actor);
  const prisma = await getPrisma();
  const dismissed = await prisma.suggestionDismissal.findMany({ where: { userId: actor.id, articleVersionId: article.version.id }, select: { suggestionKey: true } });
  const hidden = new Set(dismissed.map((d) => d.suggestionKey));
  const analysis = analyseVersion(article.version.id, article.version.plainText);
  const spans = claims.flatMap((c) => (c.placement.status === "placed" ? [{ start: c.placement.start, end: c.placement.end }] : []));
  return {
    suggestions: analysis.suggestions.filter((s) => !hidden.has(s.key)).map((s) => ({ ...s, covered: isCovered(s, spans) })),
    conflicts: [...analysis.conflicts, ...(await crossArticleConflicts(article, analysis.figures))],
  };
}
