import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { publishUnreadCount } from "@/lib/live/publish";

export type NotificationDto = { id: string; type: string; message: string; claimId: string | null; createdAt: string; read: boolean };

export async function listNotifications(actor: SessionUser): Promise<NotificationDto[]> {
  const prisma = await getPrisma();
  const rows = await prisma.notification.findMany({ where: { userId: actor.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 100 });
  return rows.map((n) => ({ id: n.id, type: n.type, message: n.message, claimId: n.claimId, createdAt: n.createdAt.toISOString(), read: n.readAt !== null }));
}

export async function countUnreadNotifications(actor: SessionUser | null): Promise<number> {
  if (!actor) return 0;
  const prisma = await getPrisma();
  return prisma.notification.count({ where: { userId: actor.id, readAt: null } });
}

/** Marks the user's own notifications read; the userId in the filter keeps anyone else's untouched. */
export async function markNotificationsRead(actor: SessionUser): Promise<number> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({ where: { userId: actor.id, readAt: null }, data: { readAt: new Date() } });
    // The user's other tabs (and instances) clear their header count too (issue 15).
    if (count) await publishUnreadCount(tx, [actor.id]);
    return count;
  });
}
