import { requireUser } from "@/lib/auth/session";
import { setEmailPreferences } from "@/lib/email/preferences";
import { handleRoute, readJson } from "@/lib/http/route";

/** Email notifications on /account (issue 18): which kinds of email the signed-in user wants. */
export async function POST(req: Request) {
  return handleRoute(async () => {
    const actor = await requireUser();
    return Response.json(await setEmailPreferences(actor, await readJson(req)));
  });
}
