import { handleRoute } from "@/lib/http/route";
import { listPublishedClaims } from "@/lib/publishing/list-published";
import { parseSlugParam } from "@/lib/validation/params";

type Ctx = { params: Promise<{ slug: string }> };

/** Public: the article's approved checks as readers see them. No sign-in, no drafts, no comments. */
export async function GET(_req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const slug = parseSlugParam((await params).slug);
    return Response.json({ claims: await listPublishedClaims(slug) }, { headers: { "cache-control": "no-store" } });
  });
}
