// Runs before every page: gives the response its Content-Security-Policy with a fresh nonce
// (lib/http/content-security-policy.ts), and sends anonymous visitors of signed-in areas to /login.
// The redirect is a convenience: every page and service checks the session and role itself
// (lib/auth/session.ts), so this is not the boundary.
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent } from "next/server";
import { answerGoneInvitation } from "@/lib/accounts/invitation-response";
import { createNonce, pageContentSecurityPolicy } from "@/lib/http/content-security-policy";

const SIGNED_IN_AREAS = [/^\/articles\/[^/]+\/(review|edit)\/?$/, /^\/articles\/new\/?$/, /^\/review(\/|$)/, /^\/admin(\/|$)/, /^\/account\/?$/];

const sendAnonymousToLogin = withAuth({ pages: { signIn: "/login" } });

/**
 * Next decodes dynamic path segments with decodeURIComponent and answers a 500 when a segment's
 * percent-escapes are not UTF-8 (`%C0%AF`, `%FF%FE`, a lone surrogate `%ED%A0%80`); a NUL in a
 * segment reaches the database and fails there. No route can mean such an address, so it is
 * refused here, before routing: a JSON reason for the API, a plain page otherwise.
 */
function refuseUndecodablePath(pathname: string): NextResponse | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return badAddress(pathname, "The address contains percent-escapes that are not valid UTF-8.");
  }
  // No slug, id or token contains a NUL, and the database cannot store one.
  if (decoded.includes("\u0000")) return badAddress(pathname, "The address contains a NUL character (%00).");
  return null;
}

function badAddress(pathname: string, message: string): NextResponse {
  if (pathname.startsWith("/api/")) return NextResponse.json({ error: { code: "INVALID", message } }, { status: 400 });
  return new NextResponse(`${message}\n`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
}

export async function proxy(req: NextRequestWithAuth, event: NextFetchEvent) {
  const undecodable = refuseUndecodablePath(req.nextUrl.pathname);
  if (undecodable) return undecodable;
  // API routes set their own headers (next.config.js); only the address check above applies.
  if (req.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
  if (SIGNED_IN_AREAS.some((area) => area.test(req.nextUrl.pathname))) {
    const redirect = await sendAnonymousToLogin(req, event);
    if (redirect) return redirect;
  }
  const nonce = createNonce();
  if (req.nextUrl.pathname.startsWith("/invite/")) {
    const gone = await answerGoneInvitation(req.nextUrl.pathname);
    if (gone) {
      gone.headers.set("content-security-policy", pageContentSecurityPolicy(nonce, { development: process.env.NODE_ENV === "development" }));
      return gone;
    }
  }
  const policy = pageContentSecurityPolicy(nonce, { development: process.env.NODE_ENV === "development" });
  // Next reads the nonce from the policy in the request headers and puts it on its own scripts.
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set("content-security-policy", policy);
  return res;
}

export const config = {
  matcher: [
    {
      // Pages and API routes (the API only for the address check); static files need neither.
      source: "/((?!_next/static|_next/image|favicon.ico|icon.svg).*)",
      // A prefetch carries no HTML to protect; the navigation that follows gets its own policy.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
