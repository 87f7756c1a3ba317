import "server-only";
import { getDb } from "@/lib/db/client";
import { reuseUntilWrite } from "@/lib/db/write-epoch";

/**
 * "<article id>.<readerRevision>" for the article at `slug`, or null when there is none: what the
 * anonymous reader page's cache (lib/http/reader-cache.mjs) files a page under and makes its ETag
 * from. One indexed read; the revision is kept by database triggers, so every instance sharing a
 * PostgreSQL database sees a change on its next request. On the embedded database (one process
 * only) the answer is reused until a write finishes in this process (lib/db/write-epoch.ts).
 */
export const readerRevisionKey: (slug: string) => Promise<string | null> = reuseUntilWrite(getDb, async (slug) => {
  const { prisma } = await getDb();
  const head = await prisma.article.findUnique({ where: { slug }, select: { id: true, readerRevision: true } });
  return head ? `${head.id}.${head.readerRevision}` : null;
});
