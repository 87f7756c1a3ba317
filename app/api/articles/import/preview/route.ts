import { requireUser } from "@/lib/auth/session";
import { previewImport } from "@/lib/articles/create-article";
import { handleRoute, parseInput } from "@/lib/http/route";
import { readImportJson } from "@/lib/import/read-import-body";
import { ZImportPreview } from "@/lib/validation/articles";

export async function POST(req: Request) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const input = parseInput(ZImportPreview, await readImportJson(req));
    const { doc, plainText, metadata, words, extracted } = await previewImport(actor, input);
    return Response.json({ doc, plainText, metadata, words, extracted });
  });
}
