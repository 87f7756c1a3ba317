import { requireUser } from "@/lib/auth/session";
import { updateArticleDetails } from "@/lib/articles/article-details";
import { handleRoute, readJson } from "@/lib/http/route";
import { parseSlugParam } from "@/lib/validation/params";

type Ctx = { params: Promise<{ slug: string }> };

/** Editors and admins correct the article's details: { title, byline, sourceUrl, publishedAt }. */
export async function PUT(req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const slug = parseSlugParam((await params).slug);
    return Response.json(await updateArticleDetails(actor, slug, await readJson(req)));
  });
}
