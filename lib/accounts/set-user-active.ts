import "server-only";
import type { SessionUser, TRole } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAccountEvent } from "./audit";
import { assertAdmin } from "./authorize";
import type { UserState } from "./change-role";
import { parseUserId } from "./ids";
import { assertAnotherActiveAdmin } from "./last-admin";

/**
 * Deactivating signs the user out everywhere on their next request (the session check sees
 * active = false) and bumps tokenVersion, so reactivating later does not revive old sessions.
 * Open invitation links are revoked. Claims and history stay: nothing is deleted.
 */
export async function setUserActive(actor: SessionUser | null, rawUserId: unknown, active: boolean): Promise<UserState> {
  const admin = assertAdmin(actor);
  const userId = parseUserId(rawUserId);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, active: true } });
    if (!user) throw new AppError("NOT_FOUND", "There is no such user.");
    if (user.active === active) return { ...user, role: user.role as TRole };
    if (!active && user.role === "ADMIN") await assertAnotherActiveAdmin(tx, user.id);
    const updated = await tx.user.update({
      where: { id: userId },
      data: active ? { active } : { active, tokenVersion: { increment: 1 } },
      select: { id: true, role: true, active: true },
    });
    if (!active) await tx.invitation.updateMany({ where: { userId, usedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAccountEvent(tx, { userId, actorId: admin.id, type: active ? "REACTIVATED" : "DEACTIVATED" });
    return { ...updated, role: updated.role as TRole };
  });
}
