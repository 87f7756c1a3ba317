import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import type { Tx } from "@/lib/claims/update-claim";
import { publishUnreadCount } from "@/lib/live/publish";
import { NOTIFICATION_EMAIL_KIND } from "@/lib/email/kinds";
import { queueEmail } from "@/lib/email/send-email";

// In-app notifications, written in the same transaction as the change they announce.

/** Tells every active editor and admin (except the actor) about a claim that waits for review. */
export async function notifyEditors(tx: Tx, actor: SessionUser, claim: { id: string }, message: string): Promise<void> {
  const editors = await tx.user.findMany({ where: { role: { in: ["EDITOR", "ADMIN"] }, active: true, id: { not: actor.id } }, select: { id: true } });
  if (!editors.length) return;
  await tx.notification.createMany({ data: editors.map((e) => ({ userId: e.id, claimId: claim.id, type: "SUBMITTED", message })) });
  await publishUnreadCount(tx, editors.map((e) => e.id));
}

/** Tells one user, unless they did it themselves. */
export async function notifyUser(tx: Tx, actor: SessionUser, userId: string, type: string, message: string, claimId: string | null = null): Promise<void> {
  if (userId === actor.id) return;
  await tx.notification.create({ data: { userId, claimId, type, message } });
  await publishUnreadCount(tx, [userId]);
  // Issue 18: assignments, "sent back" and "approved" also go out by email to users who want them.
  const kind = NOTIFICATION_EMAIL_KIND[type];
  if (kind) await queueEmail(tx, { userId, kind, subject: message.length > 90 ? `${message.slice(0, 87)}…` : message, lines: [message], link: claimId ? { path: `/review/claims/${claimId}`, label: "Open the claim" } : { path: "/review", label: "Open your review page" } });
}
