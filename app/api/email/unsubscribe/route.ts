import { unsubscribe } from "@/lib/email/preferences";
import { handleRoute } from "@/lib/http/route";

/**
 * One-click unsubscribe (RFC 8058): mail clients POST here (body "List-Unsubscribe=One-Click") with the
 * signed link's parameters in the address. No cookie is read, so there is nothing to forge: the HMAC
 * in `t` is the authorization, and it can only turn one kind of email off for one user.
 */
export async function POST(req: Request) {
  return handleRoute(async () => {
    const q = new URL(req.url).searchParams;
    const { kind } = await unsubscribe({ u: q.get("u"), k: q.get("k"), t: q.get("t") });
    return Response.json({ unsubscribed: kind });
  });
}
