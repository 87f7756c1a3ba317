import "server-only";
import type { SessionUser, TRole } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertAdmin } from "./authorize";
import { parseInput } from "./errors";
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

/** The columns of a user row, shared by the list and the user's own page. */
export function userRowSelect(now: Date) {
  return {
    id: true,
    name: true,
    email: true,
    role: true,
    active: true,
    lastSignInAt: true,
    createdAt: true,
    _count: { select: { claims: { where: { deletedAt: null } } } },
    // The newest unused, unexpired invitation link, if any.
    invitations: {
      where: { usedAt: null, revokedAt: null, expiresAt: { gt: now } },
      select: { expiresAt: true },
      orderBy: { createdAt: "desc" },
      take: 1,
    },
  } satisfies Prisma.UserSelect;
}

export async function listUsers(actor: SessionUser | null, query: unknown = {}): Promise<UserRow[]> {
  assertAdmin(actor);
  const { q, role } = parseInput(ZUserQuery, query ?? {});
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
    select: userRowSelect(now),
  });
  return users.map(({ _count, invitations, ...u }) => ({ ...u, claimCount: _count.claims, invitationPending: invitations.length > 0 }));
}
