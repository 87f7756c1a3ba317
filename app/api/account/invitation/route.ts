import { acceptInvitation } from "@/lib/accounts/accept-invitation";
import { readJsonBody } from "@/lib/accounts/http";
import { errorResponse } from "@/lib/errors";

// Anonymous: the invitation token in the body is the credential.
export async function POST(req: Request) {
  try {
    return Response.json(await acceptInvitation(await readJsonBody(req)));
  } catch (e) {
    return errorResponse(e);
  }
}
