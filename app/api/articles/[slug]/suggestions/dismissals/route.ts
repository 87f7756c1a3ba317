import { requireUser } from "@/lib/auth/session";
import { handleRoute, parseInput, readJson } from "@/lib/http/route";
import { dismissSuggestion } from "@/lib/intelligence/dismiss-suggestion";
import { ZDismissSuggestion } from "@/lib/intelligence/schemas";

type Ctx = { params: Promise<{ slug: string }> };

export async function POST(req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const { slug } = await params;
    const input = parseInput(ZDismissSuggestion, await readJson(req));
    await dismissSuggestion(actor, slug, input);
    return new Response(null, { status: 204 });
  });
}
