import "server-only";
import { queueEmail } from "@/lib/email/send-email";
import type { SessionUser } from "@/lib/auth/roles";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { clearFailures, lockedForMs, recordFailure, throttleMessage } from "@/lib/auth/throttle";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAccountEvent } from "./audit";
import { assertSignedInToChangePassword } from "./authorize";
import { parseInput } from "./errors";
import { passwordProblem } from "./password-policy";
import { ZChangePassword } from "./schemas";

export const WRONG_CURRENT_PASSWORD = "Your current password is not right.";

/**
 * Changes the signed-in user's own password. Bumping tokenVersion signs out every session of the
 * user, this one included; the account page then signs this browser in again with the new
 * password (docs/decisions.md, "Accounts"), so only the other sessions end.
 *
 * Wrong current passwords count against the same throttle as sign-in, so a stolen session cannot
 * be used to guess the password. `address` is the client address (lib/http/client-address.ts).
 */
export async function changeOwnPassword(actor: SessionUser | null, input: unknown, address: string | null = null): Promise<{ email: string }> {
  const me = assertSignedInToChangePassword(actor);
  const data = parseInput(ZChangePassword, input);
  const prisma = await getPrisma();
  const user = await prisma.user.findUnique({ where: { id: me.id }, select: { id: true, email: true, passwordHash: true, active: true } });
  if (!user || !user.active) throw new AppError("UNAUTHENTICATED", "Please sign in first.");

  // With the client's address the pair and address locks apply as at sign-in, not only the email's slowing.
  const keys = { email: user.email, address };
  const locked = await lockedForMs(prisma, keys);
  if (locked > 0) throw new AppError("TOO_MANY_REQUESTS", throttleMessage(locked));
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
    await recordFailure(prisma, keys);
    throw new AppError("INVALID", WRONG_CURRENT_PASSWORD, { currentPassword: [WRONG_CURRENT_PASSWORD] });
  }
  await clearFailures(prisma, user.email, address);

  if (data.newPassword === data.currentPassword) {
    const same = "Choose a new password that is different from the current one.";
    throw new AppError("INVALID", same, { newPassword: [same] });
  }
  const problem = passwordProblem(data.newPassword);
  if (problem) throw new AppError("INVALID", problem, { newPassword: [problem] });

  const passwordHash = await hashPassword(data.newPassword);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, tokenVersion: { increment: 1 }, mustChangePassword: false } });
    await recordAccountEvent(tx, { userId: user.id, actorId: user.id, type: "PASSWORD_CHANGED" });
    await queueEmail(tx, { userId: user.id, kind: "PASSWORD_CHANGED", subject: "Your Factmark password was changed", lines: [`Your password was changed on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC. If this was not you, ask an admin for a new invitation link at once.`] });
  });
  return { email: user.email };
}
