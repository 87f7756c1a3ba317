import { requireUser } from "@/lib/auth/session";
import { createArticle } from "@/lib/articles/create-article";
import { handleRoute, parseInput } from "@/lib/http/route";
import { readImportJson } from "@/lib/import/read-import-body";
import { ZCreateArticle } from "@/lib/validation/articles";

export async function POST(req: Request) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const input = parseInput(ZCreateArticle, await readImportJson(req));
    return Response.json(await createArticle(actor, input), { status: 201 });
  });
}
