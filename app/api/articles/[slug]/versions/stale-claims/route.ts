import { requireUser } from "@/lib/auth/session";
import { listStaleClaims } from "@/lib/articles/stale-claims";
import { handleRoute } from "@/lib/http/route";

type Ctx = { params: Promise<{ slug: string }> };

export async function GET(_req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const { slug } = await params;
    return Response.json({ claims: await listStaleClaims(actor, slug) });
  });
}
