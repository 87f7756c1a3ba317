import { getSessionUser } from "@/lib/auth/session";
import { assertSignedIn } from "@/lib/accounts/authorize";
import { readJsonBody } from "@/lib/accounts/http";
import { updateOwnProfile } from "@/lib/accounts/update-profile";
import { errorResponse } from "@/lib/errors";

export async function POST(req: Request) {
  try {
    const actor = assertSignedIn(await getSessionUser());
    return Response.json(await updateOwnProfile(actor, await readJsonBody(req)));
  } catch (e) {
    return errorResponse(e);
  }
}
