import { requireUser } from "@/lib/auth/session";
import { deleteClaim, updateClaim } from "@/lib/claims/update-claim";
import { handleRoute, parseInput, readJson } from "@/lib/http/route";
import { ZDeleteClaim, ZUpdateClaim } from "@/lib/validation/claims";
import { parseIdParam } from "@/lib/validation/params";

type Ctx = { params: Promise<{ id: string }> };

export async function PATCH(req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const id = parseIdParam((await params).id, "claim");
    const input = parseInput(ZUpdateClaim, await readJson(req));
    return Response.json({ claim: await updateClaim(actor, id, input) });
  });
}

export async function DELETE(req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const id = parseIdParam((await params).id, "claim");
    const { version } = parseInput(ZDeleteClaim, await readJson(req));
    await deleteClaim(actor, id, version);
    return new Response(null, { status: 204 });
  });
}
