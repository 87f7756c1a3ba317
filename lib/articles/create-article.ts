import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { plainText, ZArticleDoc } from "@/lib/articles/document";
import { withHeadline, type PreparedImport } from "@/lib/import/prepare-import";
import { prepareImportInWorker } from "@/lib/import/worker/prepare-in-worker";
import type { TCreateArticle, TImportPreview } from "@/lib/validation/articles";
import { assertCanEditArticles } from "./authorize";
import { slugify, uniqueSlug } from "./slug";

/** Preview of an import (issue 7, "Preview"): the cleaned document, its text and the page's metadata. Nothing is stored. */
export async function previewImport(actor: SessionUser | null, input: TImportPreview): Promise<PreparedImport> {
  assertCanEditArticles(actor);
  return prepareImportInWorker(input.format, input.content);
}

/** Imports an article as version 1. The title becomes the headline if the text does not start with it. */
export async function createArticle(actor: SessionUser | null, input: TCreateArticle): Promise<{ slug: string; versionId: string }> {
  const user = assertCanEditArticles(actor);
  const prepared = await prepareImportInWorker(input.format, input.content);
  const doc = ZArticleDoc.parse(withHeadline(prepared.doc, input.title));
  const text = plainText(doc);
  const prisma = await getPrisma();
  const base = slugify(input.title);
  return prisma.$transaction(async (tx) => {
    const taken = await tx.article.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } });
    const slug = uniqueSlug(base, new Set(taken.map((a) => a.slug)));
    const article = await tx.article.create({
      data: {
        slug,
        title: input.title,
        byline: input.byline,
        sourceUrl: input.sourceUrl,
        publishedAt: input.publishedAt ? new Date(`${input.publishedAt}T00:00:00Z`) : null,
        tags: [],
        versions: { create: { number: 1, plainText: text, doc, authorId: user.id } },
      },
      include: { versions: { select: { id: true } } },
    });
    return { slug: article.slug, versionId: article.versions[0].id };
  });
}
