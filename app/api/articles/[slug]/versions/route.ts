import { requireUser } from "@/lib/auth/session";
import { saveArticleVersion } from "@/lib/articles/save-version";
import { PROGRESS_STREAM_TYPE, streamSaveArticleVersion } from "@/lib/articles/save-version-stream";
import { listVersions } from "@/lib/articles/versions";
import { handleRoute, parseInput } from "@/lib/http/route";
import { readImportJson } from "@/lib/import/read-import-body";
import { ZSaveVersion } from "@/lib/validation/articles";
import { parseSlugParam } from "@/lib/validation/params";

type Ctx = { params: Promise<{ slug: string }> };

export async function GET(_req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const slug = parseSlugParam((await params).slug);
    return Response.json(await listVersions(actor, slug));
  });
}

/**
 * Saves a new version; the response carries the re-anchoring report. With `Accept: application/x-ndjson`
 * it streams progress per claim batch first (the edit page asks for that).
 */
export async function POST(req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const slug = parseSlugParam((await params).slug);
    const input = parseInput(ZSaveVersion, await readImportJson(req));
    if (req.headers.get("accept")?.includes(PROGRESS_STREAM_TYPE)) return streamSaveArticleVersion(actor, slug, input);
    return Response.json(await saveArticleVersion(actor, slug, input), { status: 201 });
  });
}
