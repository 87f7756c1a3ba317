import "server-only";
import type { SessionUser, TRole } from "@/lib/auth/roles";
import { hashPassword } from "@/lib/auth/password";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAccountEvent } from "./audit";
import { assertAdmin } from "./authorize";
import { issueInvitation, type IssuedInvitation } from "./create-invitation";
import { DUPLICATE_EMAIL, isUniqueViolation, parseInput } from "./errors";
import { passwordProblem } from "./password-policy";
import { ZCreateUser } from "./schemas";
import { generatePassword } from "./tokens";

export type CreatedUser = {
  user: { id: string; name: string; email: string; role: TRole };
  /** Only when the admin left the password empty and one was generated: shown once, never stored. */
  generatedPassword?: string;
  invitation?: IssuedInvitation;
};

/**
 * Creates an account with a one-time password (typed by the admin or generated) or with an
 * invitation link. A user created with an invitation gets a password hash of random bytes that
 * nobody knows, so the account cannot be signed in to until the link is used.
 */
export async function createUser(actor: SessionUser | null, input: unknown): Promise<CreatedUser> {
  const admin = assertAdmin(actor);
  const data = parseInput(ZCreateUser, input);
  let password: string;
  let generatedPassword: string | undefined;
  if (data.method === "password" && data.password) {
    const problem = passwordProblem(data.password);
    if (problem) throw new AppError("INVALID", problem, { password: [problem] });
    password = data.password;
  } else {
    password = generatePassword();
    if (data.method === "password") generatedPassword = password;
  }
  const passwordHash = await hashPassword(password);

  const prisma = await getPrisma();
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { name: data.name, email: data.email, role: data.role, passwordHash, mustChangePassword: data.method === "password" },
        select: { id: true, name: true, email: true, role: true },
      });
      await recordAccountEvent(tx, { userId: user.id, actorId: admin.id, type: "CREATED", details: { name: user.name, email: user.email, role: user.role, method: data.method } });
      const invitation = data.method === "invitation" ? await issueInvitation(tx, user.id, admin.id) : undefined;
      return { user: { ...user, role: user.role as TRole }, generatedPassword, invitation };
    });
  } catch (e) {
    // Admins see the whole user list, so saying the address is taken reveals nothing new.
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", DUPLICATE_EMAIL, { email: [DUPLICATE_EMAIL] });
    throw e;
  }
}
