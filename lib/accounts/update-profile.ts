import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAccountEvent } from "./audit";
import { assertSignedIn } from "./authorize";
import { parseInput } from "./errors";
import { ZUpdateProfile } from "./schemas";

/** The signed-in user renames themselves; the `where` names their own id, so nobody else's row. */
export async function updateOwnProfile(actor: SessionUser | null, input: unknown): Promise<{ name: string }> {
  const me = assertSignedIn(actor);
  const { name } = parseInput(ZUpdateProfile, input);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: me.id, active: true }, select: { name: true } });
    if (!before) throw new AppError("UNAUTHENTICATED", "Please sign in first.");
    if (before.name === name) return { name };
    await tx.user.update({ where: { id: me.id }, data: { name } });
    await recordAccountEvent(tx, { userId: me.id, actorId: me.id, type: "NAME_CHANGED", details: { from: before.name, to: name } });
    return { name };
  });
}
