import { requireUserChangingPassword } from "@/lib/auth/session";
import { changeOwnPassword } from "@/lib/accounts/change-password";
import { readJsonBody } from "@/lib/accounts/http";
import { errorResponse } from "@/lib/errors";

export async function POST(req: Request) {
  try {
    const actor = await requireUserChangingPassword();
    return Response.json(await changeOwnPassword(actor, await readJsonBody(req)));
  } catch (e) {
    return errorResponse(e);
  }
}
