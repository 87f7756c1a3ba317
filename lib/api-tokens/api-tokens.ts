import "server-only";
import { recordAccountEvent } from "@/lib/accounts/audit";
import { type SessionUser, type TRole, ROLES } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { generateApiToken, hashApiToken, looksLikeApiToken, SHOWN_PREFIX_LENGTH } from "./token-format";

// Personal API tokens (issue 19). A token acts with its owner's CURRENT role, and stops at once when
// revoked or when its owner is deactivated: both are checked on every request, in the lookup query.

export type ApiTokenSummary = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

const SUMMARY_SELECT = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;
export const MAX_TOKEN_NAME = 100;
export const MAX_ACTIVE_TOKENS = 20;
const LAST_USED_PRECISION_MS = 60_000;

function toSummary(row: { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): ApiTokenSummary {
  return { ...row, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null, revokedAt: row.revokedAt?.toISOString() ?? null };
}

/** Only the owner and admins may see or revoke a user's tokens. */
function assertOwnerOrAdmin(actor: SessionUser, userId: string): void {
  if (actor.id !== userId && actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only the owner of these tokens or an admin can manage them.");
}

/** Creates a token for the actor; the token itself is returned this once and never stored. */
export async function createApiToken(actor: SessionUser, name: string): Promise<{ token: string; summary: ApiTokenSummary }> {
  const trimmed = name.trim();
  if (!trimmed) throw new AppError("INVALID", "Give the token a name, so you can tell it apart later.", { name: ["Give the token a name."] });
  if (trimmed.length > MAX_TOKEN_NAME) throw new AppError("INVALID", `A token name is ${MAX_TOKEN_NAME} characters at most.`, { name: ["Too long."] });
  const prisma = await getPrisma();
  const token = generateApiToken();
  return prisma.$transaction(async (tx) => {
    const active = await tx.apiToken.count({ where: { userId: actor.id, revokedAt: null } });
    if (active >= MAX_ACTIVE_TOKENS) throw new AppError("CONFLICT", `You have ${MAX_ACTIVE_TOKENS} active tokens; revoke one first.`);
    const row = await tx.apiToken.create({
      data: { userId: actor.id, name: trimmed, prefix: token.slice(0, SHOWN_PREFIX_LENGTH), tokenHash: hashApiToken(token) },
      select: SUMMARY_SELECT,
    });
    await recordAccountEvent(tx, { userId: actor.id, actorId: actor.id, type: "API_TOKEN_CREATED", details: { name: row.name, prefix: row.prefix } });
    return { token, summary: toSummary(row) };
  });
}

export async function listApiTokens(actor: SessionUser, userId: string = actor.id): Promise<ApiTokenSummary[]> {
  assertOwnerOrAdmin(actor, userId);
  const prisma = await getPrisma();
  const rows = await prisma.apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: SUMMARY_SELECT });
  return rows.map(toSummary);
}

export async function revokeApiToken(actor: SessionUser, tokenId: string): Promise<ApiTokenSummary> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { id: tokenId }, select: { userId: true, revokedAt: true } });
    // Someone else's token reads as missing to a non-admin: its existence is not theirs to learn.
    if (!row || (row.userId !== actor.id && actor.role !== "ADMIN")) throw new AppError("NOT_FOUND", "There is no such token.");
    const revoked = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: row.revokedAt ?? new Date() }, select: SUMMARY_SELECT });
    if (!row.revokedAt) {
      await recordAccountEvent(tx, { userId: row.userId, actorId: actor.id, type: "API_TOKEN_REVOKED", details: { name: revoked.name, prefix: revoked.prefix } });
    }
    return toSummary(revoked);
  });
}

/**
 * The user a bearer token stands for, or null when it is unknown, revoked, or its owner is
 * deactivated. Records the use; a use from an address other than the last one goes to the audit history.
 */
export async function verifyApiToken(token: string, address: string | null, now = new Date()): Promise<SessionUser | null> {
  if (!looksLikeApiToken(token)) return null;
  const prisma = await getPrisma();
  const row = await prisma.apiToken.findFirst({
    where: { tokenHash: hashApiToken(token), revokedAt: null, user: { active: true } },
    select: { id: true, name: true, prefix: true, lastUsedAt: true, lastUsedAddress: true, user: { select: { id: true, name: true, email: true, role: true } } },
  });
  if (!row || !ROLES.includes(row.user.role as TRole)) return null;
  const user = { id: row.user.id, name: row.user.name, email: row.user.email, role: row.user.role as TRole };
  const newAddress = address !== null && address !== row.lastUsedAddress;
  // "Last used" to the minute is enough, and saves a write on every request of a busy script.
  if (!newAddress && row.lastUsedAt && now.getTime() - row.lastUsedAt.getTime() < LAST_USED_PRECISION_MS) return user;
  if (newAddress) {
    await prisma.$transaction(async (tx) => {
      await tx.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now, lastUsedAddress: address } });
      await recordAccountEvent(tx, { userId: row.user.id, actorId: row.user.id, type: "API_TOKEN_USED_FROM_NEW_ADDRESS", details: { name: row.name, prefix: row.prefix, address } });
    });
  } else {
    await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return user;
}
