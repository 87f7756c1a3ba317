import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { checkSignInRequest } from "@/lib/auth/sign-in-request";
import { errorResponse } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/http/request-guard";

const handler = NextAuth(authOptions);

type RouteContext = { params: Promise<{ nextauth: string[] }> };

export { handler as GET };

// Sign-in and sign-out posts must come from the app's own pages: next-auth's CSRF cookie can be
// planted by a sibling port or subdomain (cookies ignore ports), and a forged sign-in would put the
// victim in the attacker's account. next-auth answers a malformed body with a 500 or a redirect, so
// the credentials request is checked first and bad input gets a 400 that says what is wrong.
export async function POST(req: Request, context: RouteContext) {
  const { nextauth } = await context.params;
  try {
    assertSameOrigin(req);
    if (nextauth.join("/") === "callback/credentials") await checkSignInRequest(req.clone());
  } catch (e) {
    return errorResponse(e);
  }
  return handler(req, context);
}
