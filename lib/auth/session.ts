import "server-only";
import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { verifyApiToken } from "@/lib/api-tokens/api-tokens";
import { bearerTokenOf } from "@/lib/api-tokens/token-format";
import { getPrisma } from "@/lib/db/client";
import { clientAddressOf } from "@/lib/http/client-address";
import { AppError } from "@/lib/errors";
import { assertRole, ROLES, type SessionUser, type TRole } from "./roles";
import { findSessionUser, sessionSecret } from "./session-store";

// The only module that reads the next-auth session.

/**
 * The signed-in user: the session cookie is decoded here and its session row and user re-checked
 * in the database (not revoked, active, token version, current role). A database failure is
 * thrown, so a route answers 503 instead of treating the user as signed out (issue 12); that is
 * why this does not go through getServerSession, whose jwt callback errors read as "no session".
 * Cached for the request: the header, the page and its guards all ask, and each check is a query.
 */
export const getSessionUser = cache(async function getSessionUser(): Promise<SessionUser | null> {
  // Cookies only: getToken would also take an Authorization header, which is not how Factmark signs in.
  const req = { cookies: await cookies(), headers: {} } as unknown as Parameters<typeof getToken>[0]["req"];
  const claims = await getToken({ req, secret: sessionSecret() });
  if (!claims) return null;
  return findSessionUser(await getPrisma(), claims);
});

/** The only page a user with a one-time password may open (issue 20, item 7). */
export const PASSWORD_CHANGE_PATH = "/account";

/**
 * For services and route handlers: throws UNAUTHENTICATED when nobody is signed in, and FORBIDDEN
 * while the user still has to replace a one-time password.
 */
export async function requireUser(): Promise<SessionUser> {
  return assertRole(await getSessionUser(), ROLES);
}

/** For the password change itself: the one thing a user with a one-time password may do. */
export async function requireUserChangingPassword(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Please sign in first.");
  return user;
}

/**
 * For pages anyone may open (home, reader pages, sign-in): the signed-in user, or null. A user who
 * must still replace a one-time password is sent to the account page instead, so no page but that
 * one is reachable until it is changed.
 */
export async function getPageSessionUser(): Promise<SessionUser | null> {
  const user = await getSessionUser();
  if (user?.passwordChangeRequired) redirect(PASSWORD_CHANGE_PATH);
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
  if (user.passwordChangeRequired && callbackPath !== PASSWORD_CHANGE_PATH) redirect(PASSWORD_CHANGE_PATH);
  if (!roles.includes(user.role)) forbidden();
  return user;
}

/**
 * The user behind `Authorization: Bearer <personal API token>` (issue 19), null when the request
 * carries no Authorization header. A header that is present but malformed, unknown, revoked or
 * whose owner is deactivated is a 401: a script must learn its token stopped, not be read as anonymous.
 */
export async function getApiUser(req: Request): Promise<SessionUser | null> {
  const token = bearerTokenOf(req.headers.get("authorization"));
  if (token === null) return null;
  const user = token ? await verifyApiToken(token, clientAddressOf((name) => req.headers.get(name))) : null;
  if (!user) throw new AppError("UNAUTHENTICATED", "The API token is missing, malformed, revoked, or its owner's account is deactivated.");
  return user;
}

/**
 * For routes that serve both scripts and the app's pages: the token's user, else the signed-in
 * user, else null. `viaToken` tells a write whether it still needs the CSRF guard (a cookie-only
 * request does; a bearer token is not sent by browsers on their own, so a foreign page cannot forge it).
 */
export async function getApiUserOrSession(req: Request): Promise<{ user: SessionUser | null; viaToken: boolean }> {
  const apiUser = await getApiUser(req);
  if (apiUser) return { user: apiUser, viaToken: true };
  // Without a Cookie header there is no session to look up (and scripts and tests have no request scope for cookies()).
  if (!req.headers.get("cookie")) return { user: null, viaToken: false };
  return { user: await getSessionUser(), viaToken: false };
}
