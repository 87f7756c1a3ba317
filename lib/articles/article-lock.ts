import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Locks the article's row for the rest of the transaction. Every transaction that changes what
 * readers see of an article takes this FIRST: the readerRevision triggers (migration
 * reader_revision) update the article's row, so a transaction that had locked a claim before
 * reaching the article would deadlock with a version save, which locks the article and then its
 * claims. One order for everyone: article, then claims.
 */
export async function lockArticle(tx: Prisma.TransactionClient, articleId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Article" WHERE id = ${articleId} FOR UPDATE`;
}
