import "server-only";
import type { SessionUser, TRole } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AccountEventType } from "@/lib/generated/prisma/client";
import { assertAdmin } from "./authorize";
import { parseUserId } from "./ids";
import { userRowSelect, type UserRow } from "./list-users";

export type AccountEventRow = {
  id: string;
  type: AccountEventType;
  details: unknown;
  createdAt: Date;
  actor: { id: string; name: string; email: string };
};

export type UserDetail = UserRow & {
  mustChangePassword: boolean;
  invitation: { expiresAt: Date } | null;
  events: AccountEventRow[];
};

export async function getUserForAdmin(actor: SessionUser | null, rawId: unknown): Promise<UserDetail> {
  assertAdmin(actor);
  const id = parseUserId(rawId);
  const prisma = await getPrisma();
  const now = new Date();
  const user = await prisma.user.findUnique({
    where: { id },
    select: {
      ...userRowSelect(now),
      mustChangePassword: true,
      accountEvents: {
        orderBy: { createdAt: "desc" },
        take: 200,
        select: { id: true, type: true, details: true, createdAt: true, actor: { select: { id: true, name: true, email: true } } },
      },
    },
  });
  if (!user) throw new AppError("NOT_FOUND", "There is no such user.");
  const { _count, invitations, accountEvents, ...rest } = user;
  return {
    ...rest,
    role: rest.role as TRole,
    claimCount: _count.claims,
    invitationPending: invitations.length > 0,
    invitation: invitations[0] ?? null,
    events: accountEvents,
  };
}
