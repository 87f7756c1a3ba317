import { cacheableJsonResponse } from "@/lib/http/cacheable-response";
import { handleRoute } from "@/lib/http/route";
import { buildClaimReviewFeed, feedPage, feedRevision } from "@/lib/publishing/feed";

export const dynamic = "force-dynamic";

/**
 * schema.org DataFeed of every live published check, as ClaimReview, a page at a time (?page=N).
 * Public and cacheable: a strong ETag from the feed's revision, 304 on If-None-Match, gzip/brotli.
 */
export async function GET(req: Request) {
  return handleRoute(async () => {
    const pageParam = new URL(req.url).searchParams.get("page");
    const page = feedPage(pageParam);
    const { key, modified } = await feedRevision();
    return cacheableJsonResponse(req, { revision: `feed.${key}.${page}`, contentType: "application/ld+json; charset=utf-8", build: () => buildClaimReviewFeed(pageParam, modified) });
  });
}
