import "server-only";
import { randomBytes } from "node:crypto";
import { getPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ROLES, type SessionUser, type TRole } from "./roles";

// Server-side records of signed-in browsers (issue 12, item 3). The session cookie is still a
// signed JWT, but it names a Session row, and the row decides: sign-out revokes it, so a copy of
// the cookie stops working at once on every instance sharing the database.

/** How long a session lasts without use; matches next-auth's `session.maxAge`. */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;
const SESSION_MAX_AGE_MS = SESSION_MAX_AGE_S * 1000;
/** A session in use is extended when less than this is left, so the check writes at most twice a day. */
const EXTEND_WHEN_LEFT_MS = SESSION_MAX_AGE_MS / 2;
/** Expired rows are kept this long: their addresses are the user's usual ones for the sign-in throttle. */
export const SESSION_HISTORY_MS = 30 * 24 * 60 * 60_000;

/**
 * The key that signs session cookies. `next dev` may run without NEXTAUTH_SECRET (next-auth then
 * derives one internally, which lib/auth/session.ts could not reproduce), so development gets a
 * fixed key; production without the variable stays an error, as next-auth makes it.
 */
export function sessionSecret(): string | undefined {
  return process.env.NEXTAUTH_SECRET ?? (process.env.NODE_ENV === "development" ? "factmark-development-only-session-secret" : undefined);
}

/** What the session cookie carries besides next-auth's own claims. */
export type SessionClaims = { uid?: unknown; sid?: unknown; tv?: unknown; [claim: string]: unknown };

export async function createSession(
  prisma: PrismaClient,
  input: { userId: string; address: string | null; userAgent: string | null },
  now = new Date(),
): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await prisma.session.create({
    data: { id, userId: input.userId, address: input.address, userAgent: input.userAgent?.slice(0, 512) ?? null, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_MS) },
  });
  // Sign-ins are rare next to requests, so pruning here keeps the table small without a job.
  await prisma.session.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - SESSION_HISTORY_MS) } } });
  return id;
}

/**
 * The user a session cookie stands for, or null when its session was revoked or has expired, the
 * user was deactivated or their sessions were revoked (tokenVersion). One query. A database error
 * is thrown, never read as "signed out" (issue 12: an outage must not look like a sign-out).
 */
export async function findSessionUser(prisma: PrismaClient, claims: SessionClaims, now = new Date()): Promise<SessionUser | null> {
  if (typeof claims.sid !== "string" || typeof claims.uid !== "string") return null;
  const session = await prisma.session.findFirst({
    where: { id: claims.sid, userId: claims.uid, revokedAt: null, expiresAt: { gt: now } },
    select: { expiresAt: true, user: { select: { id: true, name: true, email: true, role: true, active: true, tokenVersion: true, mustChangePassword: true } } },
  });
  const user = session?.user;
  if (!session || !user || !user.active || user.tokenVersion !== claims.tv || !ROLES.includes(user.role as TRole)) return null;
  if (session.expiresAt.getTime() - now.getTime() < EXTEND_WHEN_LEFT_MS) {
    await prisma.session.updateMany({ where: { id: claims.sid, revokedAt: null }, data: { expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_MS) } });
  }
  return { id: user.id, name: user.name, email: user.email, role: user.role as TRole, ...(user.mustChangePassword ? { passwordChangeRequired: true } : {}) };
}

export async function revokeSession(prisma: PrismaClient, sessionId: unknown, now = new Date()): Promise<void> {
  if (typeof sessionId !== "string") return;
  await prisma.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

/** True when the user signed in from this address within the last 30 days. */
export async function isUsualAddress(prisma: PrismaClient, userId: string, address: string, now = new Date()): Promise<boolean> {
  const found = await prisma.session.findFirst({
    where: { userId, address, createdAt: { gt: new Date(now.getTime() - SESSION_HISTORY_MS) } },
    select: { id: true },
  });
  return found !== null;
}

/** Throws the database's error when it cannot be reached, before a step that would swallow it. */
export async function assertSessionStoreReachable(): Promise<void> {
  await (await getPrisma()).session.findFirst({ select: { id: true } });
}
