import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "./options";
import { assertRole, ROLES, type SessionUser, type TRole } from "./roles";
import { AppError } from "@/lib/errors";

// The only module that reads the next-auth session.

/**
 * The signed-in user, re-checked against the database (active, role, token version). Cached for
 * the request: the header, the page and its guards all ask, and each check is a query.
 */
export const getSessionUser = cache(async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const user = session?.user as Partial<SessionUser> | undefined;
  if (!user?.id || !user.role || !ROLES.includes(user.role)) return null;
  return { id: user.id, name: user.name ?? "", email: user.email ?? "", role: user.role };
});

/** For services and route handlers: throws UNAUTHENTICATED when nobody is signed in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Please sign in first.");
  return user;
}

/** For services and route handlers: throws UNAUTHENTICATED or FORBIDDEN. */
export async function requireRole(...roles: TRole[]): Promise<SessionUser> {
  return assertRole(await getSessionUser(), roles);
}

/**
 * For pages: sends an anonymous visitor to /login (and back here afterwards), and renders the
 * 403 page for a signed-in user of the wrong role.
 */
export async function requirePageRole(callbackPath: string, ...roles: TRole[]): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (!roles.includes(user.role)) forbidden();
  return user;
}
