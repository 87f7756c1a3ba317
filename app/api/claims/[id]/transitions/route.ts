import { requireUser } from "@/lib/auth/session";
import { handleRoute, parseInput, readJson } from "@/lib/http/route";
import { ZTransition } from "@/lib/validation/workflow";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { parseIdParam } from "@/lib/validation/params";

type Ctx = { params: Promise<{ id: string }> };

/** Submit, approve, request changes or retract: { action, version, reason? }. */
export async function POST(req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const id = parseIdParam((await params).id, "claim");
    const input = parseInput(ZTransition, await readJson(req));
    return Response.json({ claim: await transitionClaim(actor, id, input) });
  });
}
