import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { EMAIL_KINDS, isEmailKind, type TEmailKind } from "./kinds";
import { checkUnsubscribeToken, emailEnabled } from "./settings";

export const ZEmailPreferences = z.object({ kinds: z.array(z.enum(EMAIL_KINDS)).max(EMAIL_KINDS.length) });

export async function getEmailPreferences(actor: SessionUser): Promise<{ kinds: TEmailKind[]; enabled: boolean }> {
  const prisma = await getPrisma();
  const row = await prisma.user.findUniqueOrThrow({ where: { id: actor.id }, select: { emailKinds: true } });
  return { kinds: row.emailKinds.filter(isEmailKind), enabled: emailEnabled() };
}

/** Own preferences only: the user id comes from the session, in the WHERE. */
export async function setEmailPreferences(actor: SessionUser, input: unknown): Promise<{ kinds: TEmailKind[] }> {
  const parsed = ZEmailPreferences.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID", "kinds: choose from " + EMAIL_KINDS.join(", ") + ".");
  const kinds = EMAIL_KINDS.filter((k) => parsed.data.kinds.includes(k));
  const prisma = await getPrisma();
  await prisma.user.update({ where: { id: actor.id }, data: { emailKinds: kinds } });
  return { kinds };
}

/** One-click unsubscribe (RFC 8058): the signed link names the user and the kind; no session needed. */
export async function unsubscribe(input: { u?: string | null; k?: string | null; t?: string | null }): Promise<{ kind: TEmailKind }> {
  const { u, k, t } = input;
  if (!u || !t || !isEmailKind(k) || u.length > 64 || t.length > 128 || !checkUnsubscribeToken(u, k, t)) throw new AppError("INVALID", "This unsubscribe link is not valid.");
  const prisma = await getPrisma();
  const user = await prisma.user.findUnique({ where: { id: u }, select: { emailKinds: true } });
  if (!user) throw new AppError("INVALID", "This unsubscribe link is not valid.");
  await prisma.user.update({ where: { id: u }, data: { emailKinds: user.emailKinds.filter((x) => x !== k) } });
  return { kind: k };
}
