import { getSessionUser } from "@/lib/auth/session";
import { renameUser } from "@/lib/accounts/rename-user";
import { handleRoute, readJson } from "@/lib/http/route";

/** { name }: an admin renames a user (lib/accounts/rename-user.ts). */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleRoute(async () => {
    const actor = await getSessionUser();
    return Response.json({ user: await renameUser(actor, (await params).id, await readJson(req)) });
  });
}
