import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

export const LAST_ADMIN =
  "You are the last active admin, so you cannot remove your own admin access. Make another user an admin first.";

/**
 * Locks the rows of the active admins for the rest of the transaction and throws CONFLICT if the
 * change would leave none. The lock matters on PostgreSQL: without it, two admins demoting each
 * other at the same moment would each still see the other and both succeed.
 */
export async function assertAnotherActiveAdmin(tx: Prisma.TransactionClient, leavingUserId: string): Promise<void> {
  const admins = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "User" WHERE "role" = 'ADMIN' AND "active" = true ORDER BY "id" FOR UPDATE`;
  if (!admins.some((a) => a.id !== leavingUserId)) throw new AppError("CONFLICT", LAST_ADMIN);
}
