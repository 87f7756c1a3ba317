import "server-only";
import { getPrisma } from "@/lib/db/client";
import type { SessionUser } from "./roles";
import { BAD_CREDENTIALS, ZCredentials } from "./credentials";
import { dummyPasswordHash, verifyPassword } from "./password";
import { createSession, isUsualAddress } from "./session-store";
import { clearFailures, lockedForMs, recordFailure, throttleMessage } from "./throttle";

export type SignedInUser = SessionUser & { tokenVersion: number; sessionId: string };

/** A refusal the sign-in form may show as it is: bad input, wrong credentials, throttled. */
export class SignInRefused extends Error {}

export const SIGN_IN_UNAVAILABLE = "Signing in is not possible right now. Please try again in a moment.";

/**
 * Checks the password under the sign-in throttle and opens a session. `address` is the client
 * address from lib/http/client-address.ts (null when it cannot be known).
 */
export async function signInWithPassword(input: unknown, address: string | null, userAgent: string | null = null): Promise<SignedInUser> {
  const parsed = ZCredentials.safeParse(input);
  if (!parsed.success) throw new SignInRefused(parsed.error.issues[0]?.message ?? BAD_CREDENTIALS);
  const { email, password } = parsed.data;
  const prisma = await getPrisma();
  const user = await prisma.user.findUnique({ where: { email } });
  const usualAddress = user && address ? await isUsualAddress(prisma, user.id, address) : false;
  const keys = { email, address, usualAddress };
  const locked = await lockedForMs(prisma, keys);
  if (locked > 0) throw new SignInRefused(throttleMessage(locked));

  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || !user.active) {
    await recordFailure(prisma, keys);
    throw new SignInRefused(BAD_CREDENTIALS);
  }
  await clearFailures(prisma, email, address);
  // Shown to admins on /admin/users (issue 8).
  await prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  const sessionId = await createSession(prisma, { userId: user.id, address, userAgent });
  return { id: user.id, name: user.name, email: user.email, role: user.role, tokenVersion: user.tokenVersion, sessionId };
}
