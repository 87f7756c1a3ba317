import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";

/** Whether the header should ask the user to replace a password an admin chose for them. */
export async function needsPasswordChange(actor: SessionUser | null): Promise<boolean> {
  if (!actor) return false;
  const prisma = await getPrisma();
  const user = await prisma.user.findUnique({ where: { id: actor.id }, select: { mustChangePassword: true } });
  return !!user?.mustChangePassword;
}
