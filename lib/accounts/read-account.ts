import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { assertSignedInToChangePassword } from "./authorize";

export type OwnAccount = { name: string; email: string; role: SessionUser["role"]; mustChangePassword: boolean; lastSignInAt: Date | null };

export async function readOwnAccount(actor: SessionUser | null): Promise<OwnAccount> {
  const me = assertSignedInToChangePassword(actor);
  const prisma = await getPrisma();
  const user = await prisma.user.findUnique({
    where: { id: me.id, active: true },
    select: { name: true, email: true, role: true, mustChangePassword: true, lastSignInAt: true },
  });
  if (!user) throw new AppError("UNAUTHENTICATED", "Please sign in first.");
  return user;
}
