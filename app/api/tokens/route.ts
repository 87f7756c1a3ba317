// Personal API tokens (issue 19): the signed-in user's own; an admin may list anyone's (?userId=).
import { createApiToken, listApiTokens } from "@/lib/api-tokens/api-tokens";
import { ZCreateApiToken } from "@/lib/api-tokens/schemas";
import { requireUser } from "@/lib/auth/session";
import { handleRoute, parseInput, readJson } from "@/lib/http/route";

export async function GET(req: Request) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const userId = new URL(req.url).searchParams.get("userId") ?? actor.id;
    return Response.json({ tokens: await listApiTokens(actor, userId) });
  });
}

export async function POST(req: Request) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const { name } = parseInput(ZCreateApiToken, await readJson(req));
    return Response.json(await createApiToken(actor, name), { status: 201, headers: { "Cache-Control": "no-store" } });
  });
}
