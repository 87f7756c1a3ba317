import { requireUser } from "@/lib/auth/session";
import { restoreVersion } from "@/lib/articles/versions";
import { handleRoute, parseInput, readJson } from "@/lib/http/route";
import { ZRestoreVersion } from "@/lib/validation/articles";
import { parseSlugParam, parseVersionNumberParam } from "@/lib/validation/params";

type Ctx = { params: Promise<{ slug: string; number: string }> };

export async function POST(req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const { slug: rawSlug, number } = await params;
    const [slug, n] = [parseSlugParam(rawSlug), parseVersionNumberParam(number)];
    const input = parseInput(ZRestoreVersion, await readJson(req));
    return Response.json(await restoreVersion(actor, slug, n, input), { status: 201 });
  });
}
