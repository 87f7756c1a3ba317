import { requireUser } from "@/lib/auth/session";
import { handleRoute, parseInput, readJson } from "@/lib/http/route";
import { ZAssignments } from "@/lib/validation/workflow";
import { setAssignments } from "@/lib/workflow/assign-article";
import { parseSlugParam } from "@/lib/validation/params";

type Ctx = { params: Promise<{ slug: string }> };

/** Replaces the article's assignees: { reviewerIds }. */
export async function PUT(req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const slug = parseSlugParam((await params).slug);
    const { reviewerIds } = parseInput(ZAssignments, await readJson(req));
    return Response.json(await setAssignments(actor, slug, reviewerIds));
  });
}
