import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getPrisma } from "@/lib/db/client";
import { safeCallbackPath } from "./callback";
import type { TRole } from "./roles";
import { signInWithPassword } from "./sign-in";

type FactmarkToken = { uid?: string; role?: TRole; tv?: number; name?: string | null; email?: string | null };

function clientAddress(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : null;
  return first || null;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const user = await signInWithPassword(credentials, clientAddress(req?.headers));
        return { id: user.id, name: user.name, email: user.email, role: user.role, tokenVersion: user.tokenVersion };
      },
    }),
  ],
  callbacks: {
    // Only a path on the app's own origin is followed after sign-in or sign-out (issue 12, item 2).
    redirect({ url, baseUrl }) {
      return new URL(safeCallbackPath(url, baseUrl), baseUrl).toString();
    },
    // Runs on every session read. The token is re-checked against the database, so a deactivated
    // user or one whose sessions were revoked (tokenVersion bumped) is signed out on the next
    // request, and a role change applies at once.
    async jwt({ token, user }) {
      const t = token as typeof token & FactmarkToken;
      if (user) {
        const u = user as typeof user & { role: TRole; tokenVersion: number };
        t.uid = u.id;
        t.role = u.role;
        t.tv = u.tokenVersion;
        return t;
      }
      if (!t.uid) return t;
      const prisma = await getPrisma();
      const current = await prisma.user.findUnique({ where: { id: t.uid }, select: { active: true, tokenVersion: true, role: true, name: true, email: true } });
      if (!current || !current.active || current.tokenVersion !== t.tv) {
        return { sub: undefined, revoked: true } as typeof token;
      }
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
};
