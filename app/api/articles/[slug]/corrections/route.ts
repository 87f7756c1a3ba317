import { getArticleCorrections } from "@/lib/articles/corrections";
import { handleRoute } from "@/lib/http/route";
import { parseSlugParam } from "@/lib/validation/params";

type Ctx = { params: Promise<{ slug: string }> };

/** Public: correction notes and "changed after this check" notes, for the reader page. */
export async function GET(_req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const slug = parseSlugParam((await params).slug);
    return Response.json(await getArticleCorrections(slug), { headers: { "Cache-Control": "no-store" } });
  });
}
