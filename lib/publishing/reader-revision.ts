import "server-only";
import { getPrisma } from "@/lib/db/client";

/**
 * "<article id>.<readerRevision>" for the article at `slug`, or null when there is none: what the
 * anonymous reader page's cache (lib/http/reader-cache.mjs) files a page under and makes its ETag
 * from. One indexed read; the revision is kept by database triggers, so every instance sharing the
 * database sees a change on its next request.
 */
export async function readerRevisionKey(slug: string): Promise<string | null> {
  const prisma = await getPrisma();
  const head = await prisma.article.findUnique({ where: { slug }, select: { id: true, readerRevision: true } });
  return head ? `${head.id}.${head.readerRevision}` : null;
}
