import { getSessionUser } from "@/lib/auth/session";
import { assertAdmin } from "@/lib/accounts/authorize";
import { createInvitation } from "@/lib/accounts/create-invitation";
import { readJsonBody } from "@/lib/accounts/http";
import { errorResponse } from "@/lib/errors";

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = assertAdmin(await getSessionUser());
    await readJsonBody(req); // no fields; read for the same-origin and JSON checks
    const { path, expiresAt } = await createInvitation(actor, (await params).id);
    return Response.json({ invitation: { path, expiresAt } }, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}
