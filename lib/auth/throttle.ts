import type { PrismaClient } from "@/lib/generated/prisma/client";

// Failed sign-ins are counted per email and per client address in the database, so the limit
// holds across several app instances. The email limit stops guessing one account's password;
// the looser address limit stops one client from spraying many accounts.
export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxFailuresPerEmail: 5,
  maxFailuresPerAddress: 30,
} as const;

export type ThrottleKeys = { email: string; address: string | null };

function keysOf({ email, address }: ThrottleKeys): { key: string; max: number }[] {
  const keys: { key: string; max: number }[] = [{ key: `email:${email}`, max: THROTTLE.maxFailuresPerEmail }];
  if (address) keys.push({ key: `ip:${address}`, max: THROTTLE.maxFailuresPerAddress });
  return keys;
}

/** Milliseconds until sign-in is allowed again for these keys, or 0 if it is allowed now. */
export async function lockedForMs(prisma: PrismaClient, keys: ThrottleKeys, now = new Date()): Promise<number> {
  const rows = await prisma.loginThrottle.findMany({ where: { key: { in: keysOf(keys).map((k) => k.key) } } });
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil?.getTime() ?? 0));
  return Math.max(0, until - now.getTime());
}

export async function recordFailure(prisma: PrismaClient, keys: ThrottleKeys, now = new Date()): Promise<void> {
  for (const { key, max } of keysOf(keys)) {
    const windowOpen = new Date(now.getTime() - THROTTLE.windowMs);
    // A window that has run out starts again at 1; otherwise the count goes up atomically.
    const restarted = await prisma.loginThrottle.updateMany({
      where: { key, windowStart: { lt: windowOpen } },
      data: { failures: 1, windowStart: now, lockedUntil: null },
    });
    let failures = 1;
    if (restarted.count === 0) {
      const row = await prisma.loginThrottle.upsert({
        where: { key },
        create: { key, failures: 1, windowStart: now },
        update: { failures: { increment: 1 } },
      });
      failures = row.failures;
    }
    if (failures >= max) {
      await prisma.loginThrottle.update({ where: { key }, data: { lockedUntil: new Date(now.getTime() + THROTTLE.lockMs) } });
    }
  }
}

/** A successful sign-in clears the account's counter (not the address's, which may be shared). */
export async function clearFailures(prisma: PrismaClient, email: string): Promise<void> {
  await prisma.loginThrottle.deleteMany({ where: { key: `email:${email}` } });
}

export function throttleMessage(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
