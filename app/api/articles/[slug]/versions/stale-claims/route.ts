import { requireUser } from "@/lib/auth/session";
import { listStaleClaims } from "@/lib/articles/stale-claims";
import { handleRoute } from "@/lib/http/route";
import { parseSlugParam } from "@/lib/validation/params";

type Ctx = { params: Promise<{ slug: string }> };

export async function GET(_req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const slug = parseSlugParam((await params).slug);
    return Response.json({ claims: await listStaleClaims(actor, slug) });
  });
}
