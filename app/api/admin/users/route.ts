import { getSessionUser } from "@/lib/auth/session";
import { assertAdmin } from "@/lib/accounts/authorize";
import { createUser } from "@/lib/accounts/create-user";
import { readJsonBody } from "@/lib/accounts/http";
import { errorResponse } from "@/lib/errors";

export async function POST(req: Request) {
  try {
    const actor = assertAdmin(await getSessionUser());
    const { user, generatedPassword, invitation } = await createUser(actor, await readJsonBody(req));
    return Response.json(
      { user, generatedPassword, invitation: invitation && { path: invitation.path, expiresAt: invitation.expiresAt } },
      { status: 201, headers: { "cache-control": "no-store" } },
    );
  } catch (e) {
    return errorResponse(e);
  }
}
