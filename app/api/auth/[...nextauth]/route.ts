import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { getSessionUser } from "@/lib/auth/session";
import { assertSessionStoreReachable } from "@/lib/auth/session-store";
import { checkSignInRequest } from "@/lib/auth/sign-in-request";
import { errorResponse } from "@/lib/errors";

const handler = NextAuth(authOptions);

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// next-auth reads an error in its session check as "no session" and clears the cookie, and it
// swallows an error while revoking at sign-out. Asking the database first turns an outage into an
// error response (503 once lib/errors.ts maps connection failures), never a silent sign-out.
export async function GET(req: Request, context: RouteContext) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "session") {
    try {
      await getSessionUser();
    } catch (e) {
      return errorResponse(e);
    }
  }
  return handler(req, context);
}

// next-auth answers a malformed body with a 500 or a redirect; check the credentials request
// first so bad input gets a 400 that says what is wrong.
export async function POST(req: Request, context: RouteContext) {
  const { nextauth } = await context.params;
  const action = nextauth.join("/");
  try {
    if (action === "callback/credentials") await checkSignInRequest(req.clone());
    if (action === "signout") await assertSessionStoreReachable();
  } catch (e) {
    return errorResponse(e);
  }
  return handler(req, context);
}
