import { getSessionUser } from "@/lib/auth/session";
import { assertAdmin } from "@/lib/accounts/authorize";
import { changeUserRole } from "@/lib/accounts/change-role";
import { readJsonBody } from "@/lib/accounts/http";
import { errorResponse } from "@/lib/errors";

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = assertAdmin(await getSessionUser());
    return Response.json({ user: await changeUserRole(actor, (await params).id, await readJsonBody(req)) });
  } catch (e) {
    return errorResponse(e);
  }
}
