import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getPrisma } from "@/lib/db/client";
import { clientAddressOf } from "@/lib/http/client-address";
import { safeCallbackPath } from "./callback";
import type { TRole } from "./roles";
import { findSessionUser, revokeSession, SESSION_MAX_AGE_S, sessionSecret } from "./session-store";
import { SIGN_IN_UNAVAILABLE, SignInRefused, signInWithPassword } from "./sign-in";

type FactmarkToken = { uid?: string; sid?: string; role?: TRole; tv?: number; name?: string | null; email?: string | null };

function headerOf(headers: Record<string, unknown> | undefined, name: string): string | null {
  const value = headers?.[name];
  return typeof value === "string" ? value : null;
}

export const authOptions: NextAuthOptions = {
  secret: sessionSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const headers = req?.headers as Record<string, unknown> | undefined;
        try {
          const user = await signInWithPassword(credentials, clientAddressOf((name) => headerOf(headers, name)), headerOf(headers, "user-agent"));
          return { id: user.id, name: user.name, email: user.email, role: user.role, tokenVersion: user.tokenVersion, sessionId: user.sessionId };
        } catch (e) {
          // next-auth shows the message on the sign-in form: only the expected ones (wrong
          // password, throttled) may get there, never a database error's text.
          if (e instanceof SignInRefused) throw e;
          console.error("[factmark] sign-in failed", e);
          throw new Error(SIGN_IN_UNAVAILABLE);
        }
      },
    }),
  ],
  callbacks: {
    // Only a path on the app's own origin is followed after sign-in or sign-out (issue 12, item 2).
    redirect({ url, baseUrl }) {
      return new URL(safeCallbackPath(url, baseUrl), baseUrl).toString();
    },
    // Runs at sign-in and on /api/auth/session (pages and API routes read the session through
    // lib/auth/session.ts, which does the same check itself so a database error is not swallowed).
    // The session row and the user are re-checked, so a signed-out, deactivated or revoked session
    // (tokenVersion bumped) ends on the next request, and a role change applies at once.
    async jwt({ token, user }) {
      const t = token as typeof token & FactmarkToken;
      if (user) {
        const u = user as typeof user & { role: TRole; tokenVersion: number; sessionId: string };
        t.uid = u.id;
        t.sid = u.sessionId;
        t.role = u.role;
        t.tv = u.tokenVersion;
        return t;
      }
      if (!t.uid) return t;
      const current = await findSessionUser(await getPrisma(), t);
      if (!current) return { sub: undefined, revoked: true } as typeof token;
      t.role = current.role;
      t.name = current.name;
      t.email = current.email;
      return t;
    },
    async session({ session, token }) {
      const t = token as typeof token & FactmarkToken;
      if (!t.uid || !t.role) return { ...session, user: undefined };
      return { ...session, user: { id: t.uid, name: t.name ?? "", email: t.email ?? "", role: t.role } };
    },
  },
  events: {
    // A copy of the cookie taken before sign-out must stop working (issue 12, item 3).
    async signOut({ token }) {
      await revokeSession(await getPrisma(), (token as FactmarkToken | null)?.sid);
    },
  },
};
