import { requireUser } from "@/lib/auth/session";
import { fetchArticle } from "@/lib/articles/fetch-article";
import { handleRoute, parseInput, readJson } from "@/lib/http/route";
import { ZFetchUrl } from "@/lib/validation/claims";

/** "Article URL → Fetch" on /articles/new (issue 18): the page, prepared like a pasted one, for the preview. */
export async function POST(req: Request) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const { url } = parseInput(ZFetchUrl, await readJson(req));
    const { doc, plainText, metadata, words, extracted, format, content } = await fetchArticle(actor, url);
    return Response.json({ doc, plainText, metadata, words, extracted, format, content });
  });
}
