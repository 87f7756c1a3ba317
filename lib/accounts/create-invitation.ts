import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAccountEvent } from "./audit";
import { assertAdmin } from "./authorize";
import { parseUserId } from "./ids";
import { generateToken, hashToken, INVITATION_TTL_MS } from "./tokens";
import { queueEmail } from "@/lib/email/send-email";

/** The raw token goes to the admin once and is never stored; the link is `/invite/<token>`. */
export type IssuedInvitation = { token: string; path: string; expiresAt: Date };

export function invitationPath(token: string): string {
  return `/invite/${token}`;
}

/** Revokes the user's open links and issues a new one, inside the caller's transaction. */
export async function issueInvitation(tx: Prisma.TransactionClient, userId: string, actorId: string, now = new Date()): Promise<IssuedInvitation> {
  await tx.invitation.updateMany({ where: { userId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  await tx.invitation.create({ data: { userId, createdById: actorId, tokenHash: hashToken(token), expiresAt } });
  await recordAccountEvent(tx, { userId, actorId, type: "INVITATION_CREATED", details: { expiresAt: expiresAt.toISOString() } });
  // Issue 18: with SMTP_URL the link is also emailed to the person (the admin still sees it to copy).
  const person = await tx.user.findUnique({ where: { id: userId }, select: { email: true, name: true } });
  if (person) {
    await queueEmail(tx, {
      to: person.email,
      kind: "INVITATION",
      subject: "Your Factmark invitation",
      lines: [`Hello ${person.name}, you have been invited to Factmark. Choose your password with the link below; it works once, until ${expiresAt.toISOString().slice(0, 10)}.`],
      link: { path: invitationPath(token), label: "Set your password" },
    });
  }
  return { token, path: invitationPath(token), expiresAt };
}

/**
 * A new invitation link for an existing user: how an admin lets someone (re)set their password.
 * Any older unused link of that user stops working.
 */
export async function createInvitation(actor: SessionUser | null, rawUserId: unknown): Promise<IssuedInvitation> {
  const admin = assertAdmin(actor);
  const userId = parseUserId(rawUserId);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { active: true } });
    if (!user) throw new AppError("NOT_FOUND", "There is no such user.");
    if (!user.active) throw new AppError("CONFLICT", "This account is deactivated. Reactivate it before creating an invitation link.");
    return issueInvitation(tx, userId, admin.id);
  });
}
