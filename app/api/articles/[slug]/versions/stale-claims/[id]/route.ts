import { requireUser } from "@/lib/auth/session";
import { resolveStaleClaim } from "@/lib/articles/stale-claims";
import { handleRoute, parseInput, readJson } from "@/lib/http/route";
import { ZStaleClaimAction } from "@/lib/validation/articles";
import { parseIdParam, parseSlugParam } from "@/lib/validation/params";

type Ctx = { params: Promise<{ slug: string; id: string }> };

/** { action: "confirm" } | { action: "send-back", reason } | { action: "reattach", articleVersionId, start, end } */
export async function POST(req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const { slug: rawSlug, id: rawId } = await params;
    const [slug, id] = [parseSlugParam(rawSlug), parseIdParam(rawId, "claim")];
    const input = parseInput(ZStaleClaimAction, await readJson(req));
    return Response.json({ claim: await resolveStaleClaim(actor, slug, id, input) });
  });
}
