import { getSessionUser } from "@/lib/auth/session";
import { assertAdmin } from "@/lib/accounts/authorize";
import { readJsonBody } from "@/lib/accounts/http";
import { setUserActive } from "@/lib/accounts/set-user-active";
import { errorResponse } from "@/lib/errors";

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = assertAdmin(await getSessionUser());
    await readJsonBody(req); // no fields; read for the same-origin and JSON checks
    return Response.json({ user: await setUserActive(actor, (await params).id, true) });
  } catch (e) {
    return errorResponse(e);
  }
}
