import "server-only";
import { LRUCache } from "lru-cache";
import type { SessionUser } from "@/lib/auth/roles";
import type { CurrentArticle } from "@/lib/articles/read-articles";
import { assertCanReview } from "@/lib/claims/access";
import type { ClaimDto } from "@/lib/claims/claim-dto";
import { getPrisma } from "@/lib/db/client";
import { describeConflict, findFigureConflicts, type FigureMention } from "./figures";
import { isCovered, suggestClaims, type Suggestion } from "./suggest";

export type SuggestionDto = Suggestion & { covered: boolean };
export type FigureDto = { start: number; end: number; text: string; passage: string; figure: string; source: string | null };
export type FigureConflictDto = { key: string; quantity: string; label: string; first: FigureDto; second: FigureDto };
export type WorkspaceIntelligence = { suggestions: SuggestionDto[]; conflicts: FigureConflictDto[] };

type Analysis = { suggestions: Suggestion[]; conflicts: FigureConflictDto[] };

// A version's text never changes, so its analysis is computed once per version and reused.
const analyses = new LRUCache<string, Analysis>({ max: 100 });

const toFigureDto = (m: FigureMention): FigureDto => ({ start: m.start, end: m.end, text: m.text, passage: m.passage, figure: m.figure, source: m.source });

export function analyseVersion(versionId: string, plainText: string): Analysis {
  let analysis = analyses.get(versionId);
  if (!analysis) {
    analysis = {
      suggestions: suggestClaims(plainText),
      conflicts: findFigureConflicts(plainText).map((c) => ({ key: c.key, quantity: c.quantity, label: describeConflict(c), first: toFigureDto(c.first), second: toFigureDto(c.second) })),
    };
    analyses.set(versionId, analysis);
  }
  return analysis;
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
    conflicts: analysis.conflicts,
  };
}
