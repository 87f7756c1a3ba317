import { handleRoute } from "@/lib/http/route";
import { buildClaimReviewFeed } from "@/lib/publishing/feed";

export const dynamic = "force-dynamic";

/** schema.org DataFeed of every live published check, as ClaimReview, a page at a time (?page=N). */
export async function GET(req: Request) {
  return handleRoute(async () => {
    const feed = await buildClaimReviewFeed(new URL(req.url).searchParams.get("page"));
    return Response.json(feed, { headers: { "content-type": "application/ld+json; charset=utf-8", "cache-control": "public, max-age=60" } });
  });
}
