import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { assertCanEditArticles } from "./authorize";
import { saveArticleVersion, type ReanchorReport, type SavedVersion } from "./save-version";
import { diffStats, wordDiff, type DiffPart } from "./word-diff";

export type VersionSummary = {
  id: string;
  number: number;
  createdAt: Date;
  author: string | null;
  correctionNote: string | null;
  restoredFromNumber: number | null;
  words: number;
  report: ReanchorReport | null;
};

async function articleIdOf(slug: string): Promise<{ id: string; title: string; slug: string }> {
  const prisma = await getPrisma();
  const article = await prisma.article.findUnique({ where: { slug }, select: { id: true, title: true, slug: true } });
  if (!article) throw new AppError("NOT_FOUND", "There is no article at this address.");
  return article;
}

/** Every version of an article, newest first (issue 7, "version history"). */
export async function listVersions(actor: SessionUser | null, slug: string): Promise<{ article: { id: string; title: string; slug: string }; versions: VersionSummary[] }> {
  assertCanEditArticles(actor);
  const article = await articleIdOf(slug);
  const prisma = await getPrisma();
  const rows = await prisma.articleVersion.findMany({
    where: { articleId: article.id },
    orderBy: { number: "desc" },
    select: { id: true, number: true, createdAt: true, correctionNote: true, restoredFromNumber: true, plainText: true, reanchorReport: true, author: { select: { name: true } } },
  });
  return {
    article,
    versions: rows.map((v) => ({
      id: v.id,
      number: v.number,
      createdAt: v.createdAt,
      author: v.author?.name ?? null,
      correctionNote: v.correctionNote,
      restoredFromNumber: v.restoredFromNumber,
      words: v.plainText.match(/[\p{L}\p{N}]+/gu)?.length ?? 0,
      report: (v.reanchorReport as ReanchorReport | null) ?? null,
    })),
  };
}

/** A number PostgreSQL's int column can be asked about; 99999999999999999999 used to reach it and fail (issue 12). */
function isVersionNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 2_147_483_647;
}

/** Word-level diff between any two versions, by number. */
export async function diffVersions(actor: SessionUser | null, slug: string, from: number, to: number): Promise<{ parts: DiffPart[]; inserted: number; deleted: number }> {
  assertCanEditArticles(actor);
  const article = await articleIdOf(slug);
  const prisma = await getPrisma();
  const rows = await prisma.articleVersion.findMany({ where: { articleId: article.id, number: { in: [from, to] } }, select: { number: true, plainText: true } });
  const a = rows.find((r) => r.number === from);
  const b = rows.find((r) => r.number === to);
  if (!a || !b) throw new AppError("NOT_FOUND", "One of those versions does not exist.");
  const parts = wordDiff(a.plainText, b.plainText);
  return { parts, ...diffStats(parts) };
}

/** Restores an old version's text as a NEW version (nothing is overwritten), re-anchoring every claim. */
export async function restoreVersion(actor: SessionUser | null, slug: string, number: number, input: { baseVersionId: string; correctionNote: string | null }): Promise<SavedVersion> {
  assertCanEditArticles(actor);
  const article = await articleIdOf(slug);
  const prisma = await getPrisma();
  const old = isVersionNumber(number) ? await prisma.articleVersion.findUnique({ where: { articleId_number: { articleId: article.id, number } }, select: { doc: true } }) : null;
  if (!old) throw new AppError("NOT_FOUND", `There is no version ${number} of this article.`);
  return saveArticleVersion(actor, slug, { baseVersionId: input.baseVersionId, doc: old.doc, correctionNote: input.correctionNote }, { restoredFromNumber: number });
}
