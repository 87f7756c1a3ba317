import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ZCreateArticle } from "@/lib/validation/articles";
import { parseInput } from "@/lib/http/route";
import { assertCanEditArticles } from "./authorize";
import { lockArticle } from "./article-lock";
import type { TArticleDoc } from "./document";
import { saveArticleVersion } from "./save-version";
import { withHeadline } from "@/lib/import/prepare-import";

// Issue 20, item 4: the title, byline, source URL and published date an import got wrong can be
// corrected afterwards. Readers see the change at once: any write to Article bumps readerRevision
// (trigger in migration 20261129040000_reader_revision), which keys the reader page and ClaimReview caches.

export const ZArticleDetails = ZCreateArticle.pick({ title: true, byline: true, sourceUrl: true, publishedAt: true }).strict();
export type TArticleDetails = { title: string; byline: string | null; sourceUrl: string | null; publishedAt: string | null };

export const DETAILS_CHANGED = "DETAILS_CHANGED";
export const DETAIL_LABELS: Record<keyof TArticleDetails, string> = { title: "Title", byline: "Byline", sourceUrl: "Source URL", publishedAt: "Published date" };

export type DetailsChange = { id: string; actor: string; at: string; changes: { label: string; from: string | null; to: string | null }[] };

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

function headlineOf(doc: TArticleDoc): string | null {
  const first = doc.content[0];
  if (first?.type !== "heading" || first.attrs.level !== 1) return null;
  return (first.content ?? []).map((n) => (n.type === "text" ? n.text : "\n")).join("").trim();
}

/**
 * Imports put the title in the text as its headline (lib/import/prepare-import.ts, withHeadline), and
 * readers see that headline. So a new title that still matches the headline is also saved as a new
 * version with the headline replaced, re-anchoring claims like any edit. A headline an editor already
 * changed by hand is left alone.
 */
async function saveRetitledVersion(actor: SessionUser, slug: string, oldTitle: string, newTitle: string): Promise<void> {
  const prisma = await getPrisma();
  const latest = await prisma.articleVersion.findFirst({ where: { article: { slug } }, orderBy: { number: "desc" }, select: { id: true, doc: true } });
  if (!latest) return;
  const doc = latest.doc as unknown as TArticleDoc;
  if (headlineOf(doc) !== oldTitle.trim()) return;
  await saveArticleVersion(actor, slug, { baseVersionId: latest.id, doc: withHeadline(doc, newTitle), correctionNote: null });
}

/** An editor corrects the article's details; each change is logged in the article's history (ArticleEvent). */
export async function updateArticleDetails(actor: SessionUser | null, slug: string, input: unknown): Promise<TArticleDetails> {
  const editor = assertCanEditArticles(actor);
  const wanted = parseInput(ZArticleDetails, input) as TArticleDetails;
  const prisma = await getPrisma();
  const before = await prisma.article.findUnique({ where: { slug }, select: { title: true } });
  if (!before) throw new AppError("NOT_FOUND", "There is no article at this address.");
  // The text first: if that save is refused (someone saved a version meanwhile), nothing has changed.
  if (before.title !== wanted.title) await saveRetitledVersion(editor, slug, before.title, wanted.title);
  return prisma.$transaction(async (tx) => {
    const found = await tx.article.findUnique({ where: { slug }, select: { id: true } });
    if (!found) throw new AppError("NOT_FOUND", "There is no article at this address.");
    // Same lock as saving a version or approving a check: readers never see half a change.
    await lockArticle(tx, found.id);
    const article = await tx.article.findUniqueOrThrow({ where: { id: found.id }, select: { title: true, byline: true, sourceUrl: true, publishedAt: true } });
    const current: TArticleDetails = { title: article.title, byline: article.byline, sourceUrl: article.sourceUrl, publishedAt: day(article.publishedAt) };
    const changed = (Object.keys(DETAIL_LABELS) as (keyof TArticleDetails)[]).filter((k) => current[k] !== wanted[k]);
    if (changed.length === 0) return current;
    await tx.article.update({
      where: { id: found.id },
      data: { title: wanted.title, byline: wanted.byline, sourceUrl: wanted.sourceUrl, publishedAt: wanted.publishedAt ? new Date(`${wanted.publishedAt}T00:00:00Z`) : null },
    });
    await tx.articleEvent.create({
      data: {
        articleId: found.id,
        actorId: editor.id,
        type: DETAILS_CHANGED,
        before: Object.fromEntries(changed.map((k) => [k, current[k]])),
        after: Object.fromEntries(changed.map((k) => [k, wanted[k]])),
      },
    });
    return wanted;
  });
}

/** The article's details changes, newest first: the edit page's history of them. */
export async function listDetailsChanges(actor: SessionUser | null, slug: string): Promise<DetailsChange[]> {
  assertCanEditArticles(actor);
  const prisma = await getPrisma();
  const events = await prisma.articleEvent.findMany({
    where: { article: { slug }, type: DETAILS_CHANGED },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, createdAt: true, before: true, after: true, actor: { select: { name: true } } },
  });
  return events.map((e) => {
    const before = (e.before ?? {}) as Record<string, string | null>;
    const after = (e.after ?? {}) as Record<string, string | null>;
    return {
      id: e.id,
      actor: e.actor.name,
      at: e.createdAt.toISOString(),
      changes: (Object.keys(DETAIL_LABELS) as (keyof TArticleDetails)[]).filter((k) => k in after).map((k) => ({ label: DETAIL_LABELS[k], from: before[k] ?? null, to: after[k] ?? null })),
    };
  });
}
