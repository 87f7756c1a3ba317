import { requireUserChangingPassword } from "@/lib/auth/session";
import { changeOwnPassword } from "@/lib/accounts/change-password";
import { readJsonBody } from "@/lib/accounts/http";
import { errorResponse } from "@/lib/errors";
import { clientAddressOf } from "@/lib/http/client-address";

export async function POST(req: Request) {
  try {
    const actor = await requireUserChangingPassword();
    const address = clientAddressOf((name) => req.headers.get(name));
    return Response.json(await changeOwnPassword(actor, await readJsonBody(req), address));
  } catch (e) {
    return errorResponse(e);
  }
}
