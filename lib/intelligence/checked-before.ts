import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { assertCanReview } from "@/lib/claims/access";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ZSourceSnapshots, type PublishedClaimView } from "@/lib/publishing/published";
import type { TVerdict } from "@/lib/verdicts";
import { SimilarIndex } from "./similarity";

export type CheckedBefore = {
  claimId: string;
  quote: string;
  verdict: TVerdict;
  explanation: string;
  sources: PublishedClaimView["sources"];
  article: { slug: string; title: string };
  approvedAt: string;
  score: number;
};

type Entry = Omit<CheckedBefore, "score"> & { articleId: string };

// The index holds every live published check. It is rebuilt when the published set changes, which
// one aggregate query per lookup detects (count and latest approval, retraction and staleness).
// Keyed by the database client, so two databases in one process (tests, the benchmark) never share one.
const cache = new WeakMap<object, { stamp: string; checkedAt: number; index: Promise<SimilarIndex<Entry>> }>();
/** A check published or withdrawn elsewhere shows up here within this long. */
const RECHECK_MS = 1000;

async function publishedIndex(): Promise<SimilarIndex<Entry>> {
  const prisma = await getPrisma();
  const recent = cache.get(prisma);
  if (recent && Date.now() - recent.checkedAt < RECHECK_MS) return recent.index;
  const agg = await prisma.publishedClaim.aggregate({ _count: { _all: true }, _max: { approvedAt: true, retractedAt: true, staleAt: true } });
  const stamp = [agg._count._all, agg._max.approvedAt?.getTime(), agg._max.retractedAt?.getTime(), agg._max.staleAt?.getTime()].join(":");
  const cached = cache.get(prisma);
  if (cached?.stamp === stamp) {
    cached.checkedAt = Date.now();
    return cached.index;
  }
  const index = (async () => {
    const rows = await prisma.publishedClaim.findMany({
      where: { retractedAt: null, staleAt: null, verdict: { not: "UNVERIFIED" } },
      select: { claimId: true, articleId: true, quote: true, verdict: true, explanation: true, sources: true, approvedAt: true, article: { select: { slug: true, title: true } } },
    });
    const built = new SimilarIndex<Entry>();
    for (const r of rows) {
      const sources = ZSourceSnapshots.safeParse(r.sources);
      built.add(r.quote, { claimId: r.claimId, articleId: r.articleId, quote: r.quote, verdict: r.verdict, explanation: r.explanation, sources: sources.success ? sources.data : [], article: r.article, approvedAt: r.approvedAt.toISOString() });
    }
    return built;
  })();
  cache.set(prisma, { stamp, checkedAt: Date.now(), index });
  index.catch(() => {
    if (cache.get(prisma)?.index === index) cache.delete(prisma);
  });
  return index;
}

/** Published checks from other articles that say nearly the same as `text`, best first. Reviewers only. */
export async function findCheckedBefore(actor: SessionUser, slug: string, text: string): Promise<CheckedBefore[]> {
  assertCanReview(actor);
  const prisma = await getPrisma();
  const article = await prisma.article.findUnique({ where: { slug }, select: { id: true } });
  if (!article) throw new AppError("NOT_FOUND", "No article with that address.");
  const index = await publishedIndex();
  return index
    .search(text, { limit: 5, keep: (e) => e.articleId !== article.id })
    .map(({ item, score }) => ({ claimId: item.claimId, quote: item.quote, verdict: item.verdict, explanation: item.explanation, sources: item.sources, article: item.article, approvedAt: item.approvedAt, score }));
}
