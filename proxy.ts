// Sends anonymous visitors of signed-in areas to /login. This only redirects: every page and
// service checks the session and role itself (lib/auth/session.ts), so this is not the boundary.
import { withAuth } from "next-auth/middleware";

export const proxy = withAuth({ pages: { signIn: "/login" } });

export const config = { matcher: ["/articles/:slug/review", "/articles/:slug/edit", "/articles/new", "/review/:path*", "/admin/:path*", "/account"] };
