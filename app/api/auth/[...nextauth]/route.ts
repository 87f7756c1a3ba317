import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { getSessionUser } from "@/lib/auth/session";
import { assertSessionStoreReachable } from "@/lib/auth/session-store";
import { checkSignInRequest } from "@/lib/auth/sign-in-request";
import { errorResponse } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/http/request-guard";

const handler = NextAuth(authOptions);

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// next-auth reads an error in its session check as "no session" and clears the cookie, and it
// swallows an error while revoking at sign-out. Asking the database first turns an outage into an
// error response (503, lib/errors.ts), never a silent sign-out.
export async function GET(req: Request, context: RouteContext) {
  const { nextauth } = await context.params;
  // Credentials are only ever posted; next-auth answers a GET here with a 500.
  if (nextauth[0] === "callback") {
    return Response.json({ error: { code: "INVALID", message: "Sign in by posting the sign-in form; this address does not answer GET." } }, { status: 405, headers: { allow: "POST" } });
  }
  if (nextauth.join("/") === "session") {
    try {
      await getSessionUser();
    } catch (e) {
      return errorResponse(e);
    }
  }
  return handler(req, context);
}

// Sign-in and sign-out posts must come from the app's own pages: next-auth's CSRF cookie can be
// planted by a sibling port or subdomain (cookies ignore ports), and a forged sign-in would put the
// victim in the attacker's account. next-auth answers a malformed body with a 500 or a redirect, so
// the credentials request is checked first and bad input gets a 400 that says what is wrong.
/** What the app's pages post to next-auth; next-auth answers other posts (session, error, a bare signin) with a 500. */
const POSTED_ACTIONS = /^(callback\/credentials|signin\/credentials|signout|_log)$/;

export async function POST(req: Request, context: RouteContext) {
  const { nextauth } = await context.params;
  const action = nextauth.join("/");
  if (!POSTED_ACTIONS.test(action)) {
    return Response.json({ error: { code: "INVALID", message: `This address does not take posts (${action}).` } }, { status: 405, headers: { allow: "GET" } });
  }
  try {
    assertSameOrigin(req);
    if (action === "callback/credentials") await checkSignInRequest(req.clone());
    if (action === "signout") await assertSessionStoreReachable();
  } catch (e) {
    return errorResponse(e);
  }
  return handler(req, context);
}
