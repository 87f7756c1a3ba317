import { handleRoute } from "@/lib/http/route";
import { listPublishedClaims } from "@/lib/publishing/list-published";

type Ctx = { params: Promise<{ slug: string }> };

/** Public: the article's approved checks as readers see them. No sign-in, no drafts, no comments. */
export async function GET(_req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const { slug } = await params;
    return Response.json({ claims: await listPublishedClaims(slug) }, { headers: { "cache-control": "no-store" } });
  });
}
