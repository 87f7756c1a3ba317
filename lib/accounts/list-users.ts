import "server-only";
import type { SessionUser, TRole } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertAdmin } from "./authorize";
import { ZUserQuery } from "./schemas";

export type UserRow = {
  id: string;
  name: string;
  email: string;
  role: TRole;
  active: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
  /** Claims the user wrote that are not deleted. */
  claimCount: number;
  /** An unused, unexpired invitation link exists. */
  invitationPending: boolean;
};

export async function listUsers(actor: SessionUser | null, query: unknown = {}): Promise<UserRow[]> {
  assertAdmin(actor);
  const { q, role } = ZUserQuery.parse(query ?? {});
  const prisma = await getPrisma();
  const now = new Date();
  const where: Prisma.UserWhereInput = {
    ...(role ? { role } : {}),
    ...(q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { email: { contains: q, mode: "insensitive" } }] } : {}),
  };
  const users = await prisma.user.findMany({
    where,
    orderBy: [{ active: "desc" }, { name: "asc" }],
    take: 500,
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      active: true,
      lastSignInAt: true,
      createdAt: true,
      _count: { select: { claims: { where: { deletedAt: null } } } },
      invitations: { where: { usedAt: null, revokedAt: null, expiresAt: { gt: now } }, select: { id: true }, take: 1 },
    },
  });
  return users.map(({ _count, invitations, ...u }) => ({ ...u, claimCount: _count.claims, invitationPending: invitations.length > 0 }));
}
