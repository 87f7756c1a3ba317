// Revoke a personal API token: its owner, or an admin (issue 19).
import { revokeApiToken } from "@/lib/api-tokens/api-tokens";
import { requireUser } from "@/lib/auth/session";
import { handleRoute, readJson } from "@/lib/http/route";

type Ctx = { params: Promise<{ id: string }> };

export async function DELETE(req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const actor = await requireUser();
    await readJson(req); // the CSRF guard: same origin, exactly application/json
    const { id } = await params;
    return Response.json({ token: await revokeApiToken(actor, id) });
  });
}
