import { requireUser } from "@/lib/auth/session";
import { handleRoute, parseInput } from "@/lib/http/route";
import { findCheckedBefore } from "@/lib/intelligence/checked-before";
import { ZCheckedBeforeQuery } from "@/lib/intelligence/schemas";

type Ctx = { params: Promise<{ slug: string }> };

export async function GET(req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const { slug } = await params;
    const { text } = parseInput(ZCheckedBeforeQuery, { text: new URL(req.url).searchParams.get("text") ?? "" });
    return Response.json({ checks: await findCheckedBefore(actor, slug, text) });
  });
}
