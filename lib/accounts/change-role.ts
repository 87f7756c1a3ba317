import "server-only";
import type { SessionUser, TRole } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAccountEvent } from "./audit";
import { assertAdmin } from "./authorize";
import { parseInput } from "./errors";
import { parseUserId } from "./ids";
import { assertAnotherActiveAdmin } from "./last-admin";
import { ZChangeRole } from "./schemas";

export type UserState = { id: string; role: TRole; active: boolean };

/** The new role applies on the user's next request: the session is re-checked against the database. */
export async function changeUserRole(actor: SessionUser | null, rawUserId: unknown, input: unknown): Promise<UserState> {
  const admin = assertAdmin(actor);
  const userId = parseUserId(rawUserId);
  const { role } = parseInput(ZChangeRole, input);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, active: true } });
    if (!user) throw new AppError("NOT_FOUND", "There is no such user.");
    if (user.role === role) return { ...user, role: user.role as TRole };
    if (user.role === "ADMIN" && user.active) await assertAnotherActiveAdmin(tx, user.id);
    const updated = await tx.user.update({ where: { id: userId }, data: { role }, select: { id: true, role: true, active: true } });
    await recordAccountEvent(tx, { userId, actorId: admin.id, type: "ROLE_CHANGED", details: { from: user.role, to: role } });
    return { ...updated, role: updated.role as TRole };
  });
}
