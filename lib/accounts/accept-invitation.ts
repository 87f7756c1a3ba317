import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAccountEvent } from "./audit";
import { parseInput } from "./errors";
import { passwordProblem } from "./password-policy";
import { ZAcceptInvitation } from "./schemas";
import { hashToken } from "./tokens";

// The token is the secret, so telling its holder whether the link expired or was used reveals
// nothing about who has an account.
export const INVITATION_INVALID = "This invitation link is not valid. Check that you copied all of it, or ask an admin for a new one.";
export const INVITATION_EXPIRED = "This invitation link has expired (links last 7 days). Ask an admin for a new one.";
export const INVITATION_USED = "This invitation link has already been used. Sign in with the password you set, or ask an admin for a new link.";
export const INVITATION_REPLACED = "This invitation link was replaced by a newer one. Use the newest link, or ask an admin for a new one.";

export type InvitationStatus =
  | { status: "valid"; name: string; email: string; expiresAt: Date }
  | { status: "invalid" | "expired" | "used" | "replaced"; message: string };

async function findInvitation(token: string) {
  if (!token || token.length > 200) return null;
  const prisma = await getPrisma();
  return prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, expiresAt: true, usedAt: true, revokedAt: true, user: { select: { name: true, email: true, active: true } } },
  });
}

type Found = NonNullable<Awaited<ReturnType<typeof findInvitation>>>;

function statusOf(inv: Found | null, now: Date): InvitationStatus {
  if (!inv || !inv.user.active) return { status: "invalid", message: INVITATION_INVALID };
  if (inv.usedAt) return { status: "used", message: INVITATION_USED };
  if (inv.revokedAt) return { status: "replaced", message: INVITATION_REPLACED };
  if (inv.expiresAt <= now) return { status: "expired", message: INVITATION_EXPIRED };
  return { status: "valid", name: inv.user.name, email: inv.user.email, expiresAt: inv.expiresAt };
}

/** For the invitation page: whether the link works, and whose account it is for. */
export async function readInvitation(token: string, now = new Date()): Promise<InvitationStatus> {
  return statusOf(await findInvitation(token), now);
}

const STATUS_CODE = { invalid: "NOT_FOUND", expired: "INVALID", used: "CONFLICT", replaced: "CONFLICT" } as const;

/**
 * The invited person sets their password. The link is used up atomically (the update only matches
 * a row that is still unused, unrevoked and unexpired), so two submissions cannot both succeed.
 */
export async function acceptInvitation(input: unknown, now = new Date()): Promise<{ email: string }> {
  const data = parseInput(ZAcceptInvitation, input);
  const found = statusOf(await findInvitation(data.token), now);
  if (found.status !== "valid") throw new AppError(STATUS_CODE[found.status], found.message);
  const problem = passwordProblem(data.newPassword);
  if (problem) throw new AppError("INVALID", problem, { newPassword: [problem] });
  const passwordHash = await hashPassword(data.newPassword);

  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const tokenHash = hashToken(data.token);
    const claimed = await tx.invitation.updateMany({
      where: { tokenHash, usedAt: null, revokedAt: null, expiresAt: { gt: now }, user: { active: true } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) throw new AppError("CONFLICT", INVITATION_USED);
    const inv = await tx.invitation.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true } });
    const user = await tx.user.update({
      where: { id: inv.userId },
      data: { passwordHash, tokenVersion: { increment: 1 }, mustChangePassword: false },
      select: { id: true, email: true },
    });
    await recordAccountEvent(tx, { userId: user.id, actorId: user.id, type: "INVITATION_USED" });
    return { email: user.email };
  });
}
