import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAccountEvent } from "./audit";
import { assertAdmin } from "./authorize";
import { parseInput } from "./errors";
import { parseUserId } from "./ids";
import { ZUpdateProfile } from "./schemas";

/**
 * An admin corrects someone's display name (a typo at creation, a change of name). The name is
 * what readers see under "Checked by", so the change is in the account's history with both names;
 * the reader pages pick it up through the readerRevision trigger on User.name.
 */
export async function renameUser(actor: SessionUser | null, rawUserId: unknown, input: unknown): Promise<{ id: string; name: string }> {
  const admin = assertAdmin(actor);
  const userId = parseUserId(rawUserId);
  const { name } = parseInput(ZUpdateProfile, input);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { name: true } });
    if (!before) throw new AppError("NOT_FOUND", "There is no such user.");
    if (before.name === name) return { id: userId, name };
    await tx.user.update({ where: { id: userId }, data: { name } });
    await recordAccountEvent(tx, { userId, actorId: admin.id, type: "NAME_CHANGED", details: { from: before.name, to: name } });
    return { id: userId, name };
  });
}
