import { requireUser } from "@/lib/auth/session";
import { getWorkspaceClaims } from "@/lib/claims/get-workspace";
import { createClaim } from "@/lib/claims/create-claim";
import { handleRoute, parseInput, readJson } from "@/lib/http/route";
import { ZCreateClaim } from "@/lib/validation/claims";
import { parseSlugParam } from "@/lib/validation/params";

type Ctx = { params: Promise<{ slug: string }> };

export async function GET(_req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const slug = parseSlugParam((await params).slug);
    const { article, claims } = await getWorkspaceClaims(actor, slug);
    return Response.json({ articleVersionId: article.version.id, plainText: article.version.plainText, claims });
  });
}

export async function POST(req: Request) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const input = parseInput(ZCreateClaim, await readJson(req));
    return Response.json({ claim: await createClaim(actor, input) }, { status: 201 });
  });
}
