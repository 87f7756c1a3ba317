import { requireUser } from "@/lib/auth/session";
import { handleRoute, parseInput, readJson } from "@/lib/http/route";
import { ZComment } from "@/lib/validation/workflow";
import { addComment } from "@/lib/workflow/add-comment";
import { parseIdParam } from "@/lib/validation/params";

type Ctx = { params: Promise<{ id: string }> };

export async function POST(req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const id = parseIdParam((await params).id, "claim");
    const input = parseInput(ZComment, await readJson(req));
    return Response.json({ comment: await addComment(actor, id, input) }, { status: 201 });
  });
}
