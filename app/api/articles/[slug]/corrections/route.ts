import { getArticleCorrections } from "@/lib/articles/corrections";
import { handleRoute } from "@/lib/http/route";

type Ctx = { params: Promise<{ slug: string }> };

/** Public: correction notes and "changed after this check" notes, for the reader page. */
export async function GET(_req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const { slug } = await params;
    return Response.json(await getArticleCorrections(slug), { headers: { "Cache-Control": "no-store" } });
  });
}
