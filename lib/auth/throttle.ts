import type { PrismaClient } from "@/lib/generated/prisma/client";
import { throttleBucketOf } from "@/lib/http/client-address";

// Failed sign-ins are counted in the database, so the limits hold across several app instances.
// The scheme (issue 12, item 5; numbers in docs/decisions.md, "Sign-in throttling"):
// - per (email, address): a hard lock after 5 failures. It locks only that address out of that
//   account, so an attacker locks nobody but themselves.
// - per address: a hard lock after 30 failures, against one client spraying many accounts.
// - per email alone: never a lock, only slowing. After 5 failures each attempt must wait
//   1 s, 2 s, 4 s … up to 30 s after the last failure, which still bounds a guesser spread over
//   many addresses to about 120 guesses an hour (the count lasts 24 hours). The owner's usual addresses (signed in from in
//   the last 30 days) are not slowed at all.
// The address is the client address of lib/http/client-address.ts, which nobody can forge; when
// it is unknown only the email's slowing applies, since a shared "unknown" bucket could be locked
// by anyone.
export const THROTTLE = {
  windowMs: 15 * 60_000,
  /** The email's count lasts longer, or a guesser would get a fresh start every 15 minutes. */
  emailWindowMs: 24 * 60 * 60_000,
  lockMs: 15 * 60_000,
  maxFailuresPerPair: 5,
  maxFailuresPerAddress: 30,
  slowAfterFailuresPerEmail: 5,
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
} as const;

export type ThrottleKeys = {
  email: string;
  address: string | null;
  /** The owner has signed in from this address before: the email's slowing does not apply. */
  usualAddress?: boolean;
};

type Rule = { key: string; windowMs: number; lockAfter: (failures: number) => number | null };

function hardLock(max: number) {
  return (failures: number) => (failures >= max ? THROTTLE.lockMs : null);
}

/** The wait the email's n-th failure imposes on the next attempt, or null below the threshold. */
export function emailDelayMs(failures: number): number | null {
  const over = failures - THROTTLE.slowAfterFailuresPerEmail;
  if (over < 0) return null;
  return Math.min(THROTTLE.maxDelayMs, THROTTLE.firstDelayMs * 2 ** Math.min(over, 30));
}

function rulesOf({ email, address, usualAddress }: ThrottleKeys, purpose: "check" | "count"): Rule[] {
  const rules: Rule[] = [];
  // Failures from a usual address still count towards the email, but do not wait on it.
  if (purpose === "count" || !usualAddress) rules.push({ key: `email:${email}`, windowMs: THROTTLE.emailWindowMs, lockAfter: emailDelayMs });
  if (address) {
    const bucket = throttleBucketOf(address);
    rules.push({ key: `pair:${email}|${bucket}`, windowMs: THROTTLE.windowMs, lockAfter: hardLock(THROTTLE.maxFailuresPerPair) });
    rules.push({ key: `ip:${bucket}`, windowMs: THROTTLE.windowMs, lockAfter: hardLock(THROTTLE.maxFailuresPerAddress) });
  }
  return rules;
}

/** Milliseconds until sign-in is allowed again for these keys, or 0 if it is allowed now. */
export async function lockedForMs(prisma: PrismaClient, keys: ThrottleKeys, now = new Date()): Promise<number> {
  const rows = await prisma.loginThrottle.findMany({ where: { key: { in: rulesOf(keys, "check").map((r) => r.key) } } });
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil?.getTime() ?? 0));
  return Math.max(0, until - now.getTime());
}

export async function recordFailure(prisma: PrismaClient, keys: ThrottleKeys, now = new Date()): Promise<void> {
  for (const { key, windowMs, lockAfter } of rulesOf(keys, "count")) {
    const windowOpen = new Date(now.getTime() - windowMs);
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
    const lockMs = lockAfter(failures);
    if (lockMs !== null) await prisma.loginThrottle.update({ where: { key }, data: { lockedUntil: new Date(now.getTime() + lockMs) } });
  }
}

/** A success clears the account's counters (not the address's, which may be shared). */
export async function clearFailures(prisma: PrismaClient, email: string, address: string | null = null): Promise<void> {
  const keys = [`email:${email}`];
  if (address) keys.push(`pair:${email}|${throttleBucketOf(address)}`);
  await prisma.loginThrottle.deleteMany({ where: { key: { in: keys } } });
}

export function throttleMessage(ms: number): string {
  if (ms < 60_000) {
    const seconds = Math.max(1, Math.ceil(ms / 1000));
    return `Too many failed sign-in attempts. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
  }
  const minutes = Math.ceil(ms / 60_000);
  return `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
