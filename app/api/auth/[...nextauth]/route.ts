import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { checkSignInRequest } from "@/lib/auth/sign-in-request";
import { errorResponse } from "@/lib/errors";

const handler = NextAuth(authOptions);

type RouteContext = { params: Promise<{ nextauth: string[] }> };

export { handler as GET };

// next-auth answers a malformed body with a 500 or a redirect; check the credentials request
// first so bad input gets a 400 that says what is wrong.
export async function POST(req: Request, context: RouteContext) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    try {
      await checkSignInRequest(req.clone());
    } catch (e) {
      return errorResponse(e);
    }
  }
  return handler(req, context);
}
