import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { clientAddressOf, PEER_HEADER, PEER_KEY_ENV, PEER_KEY_HEADER } from "@/lib/http/client-address";
import { ENGINES, shareWithServices, type TestDatabase } from "@/lib/testing/databases";
import { hashPassword } from "./password";
import { clearFailures, emailDelayMs, lockedForMs, recordFailure, THROTTLE } from "./throttle";

const { signInWithPassword } = await import("./sign-in");

const PASSWORD = "the victim's right passphrase";
const SERVER_KEY = "key-known-only-to-lib-cli-serve";

/** The address the app derives for a request from `peer` that carries a (possibly forged) X-Forwarded-For. */
function addressOfRequest(peer: string, forwardedFor?: string): string | null {
  const headers: Record<string, string> = { [PEER_HEADER]: peer, [PEER_KEY_HEADER]: SERVER_KEY };
  if (forwardedFor !== undefined) headers["x-forwarded-for"] = forwardedFor;
  return clientAddressOf((name) => headers[name] ?? null);
}

async function outcomeOf(p: Promise<unknown>): Promise<"signed in" | "wrong" | "throttled"> {
  try {
    await p;
    return "signed in";
  } catch (e) {
    return /Too many/.test((e as Error).message) ? "throttled" : "wrong";
  }
}

describe.each(ENGINES)("sign-in throttle on $name", ({ create }) => {
  let t: TestDatabase;
  let prisma: PrismaClient;
  let unshare: () => void;
  const savedEnv = { key: process.env[PEER_KEY_ENV], trusted: process.env.FACTMARK_TRUSTED_PROXIES };

  beforeAll(async () => {
    t = await create();
    prisma = t.db.prisma;
    unshare = shareWithServices(t);
    process.env[PEER_KEY_ENV] = SERVER_KEY;
    delete process.env.FACTMARK_TRUSTED_PROXIES;
  });
  afterAll(async () => {
    process.env[PEER_KEY_ENV] = savedEnv.key;
    if (savedEnv.trusted !== undefined) process.env.FACTMARK_TRUSTED_PROXIES = savedEnv.trusted;
    unshare?.();
    await t?.drop();
  });
  beforeEach(async () => {
    await prisma.loginThrottle.deleteMany();
  });

  it("an attacker failing 50 times from one address does not stop the owner signing in from their usual address", async () => {
    const victim = await prisma.user.create({ data: { email: "victim@example.org", name: "Vic", role: "EDITOR", passwordHash: await hashPassword(PASSWORD) } });
    const home = addressOfRequest("198.51.100.20");
    await signInWithPassword({ email: victim.email, password: PASSWORD }, home); // the owner has signed in from home before

    const attacker = addressOfRequest("203.0.113.66");
    const outcomes = [];
    for (let i = 0; i < 50; i++) outcomes.push(await outcomeOf(signInWithPassword({ email: victim.email, password: `guess ${i}` }, attacker)));
    // The guesser is stopped after the pair's limit and never gets to try the password again.
    expect(outcomes.filter((o) => o === "wrong")).toHaveLength(THROTTLE.maxFailuresPerPair);
    expect(outcomes.slice(THROTTLE.maxFailuresPerPair).every((o) => o === "throttled")).toBe(true);
    expect(await outcomeOf(signInWithPassword({ email: victim.email, password: PASSWORD }, attacker))).toBe("throttled");

    expect(await outcomeOf(signInWithPassword({ email: victim.email, password: PASSWORD }, home))).toBe("signed in");
  });

  it("a forged X-Forwarded-For from an untrusted peer changes neither the key nor the count", async () => {
    const email = "forged@example.org";
    const now = new Date("2026-03-06T10:00:00Z");
    for (let i = 0; i < THROTTLE.maxFailuresPerPair; i++) {
      const address = addressOfRequest("203.0.113.7", `10.0.${i}.1, 192.0.2.${i}`);
      expect(address).toBe("203.0.113.7");
      await recordFailure(prisma, { email, address }, now);
    }
    // Whatever header the attacker sends next, it is the same locked pair.
    expect(await lockedForMs(prisma, { email, address: addressOfRequest("203.0.113.7", "192.0.2.200") }, now)).toBe(THROTTLE.lockMs);
    // And forging the victim's address does not lock the victim's pair.
    expect(await prisma.loginThrottle.count({ where: { key: { startsWith: `pair:${email}|10.` } } })).toBe(0);
  });

  it("an owner on a new address is slowed, never locked out: the wait is at most 30 seconds", async () => {
    const email = "owner@example.org";
    const now = new Date("2026-03-01T10:00:00Z");
    // 200 failures from 200 different (real) addresses: the most an attacker can make the owner wait.
    for (let i = 0; i < 200; i++) await recordFailure(prisma, { email, address: `203.0.${Math.floor(i / 250)}.${i % 250}` }, now);
    const wait = await lockedForMs(prisma, { email, address: "198.51.100.99" }, now);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(THROTTLE.maxDelayMs);
    expect(await lockedForMs(prisma, { email, address: "198.51.100.99" }, new Date(now.getTime() + THROTTLE.maxDelayMs))).toBe(0);
    // No hard lock ever stands on the email itself, and a usual address does not wait at all.
    expect(await lockedForMs(prisma, { email, address: "198.51.100.99", usualAddress: true }, now)).toBe(0);
  });

  it("limits a guesser spread over many addresses to about 120 guesses an hour for one account", async () => {
    const email = "target@example.org";
    let now = new Date("2026-03-02T10:00:00Z").getTime();
    const end = now + 60 * 60_000;
    let guesses = 0;
    for (let i = 0; now < end; i++) {
      const keys = { email, address: `192.0.2.${i % 250}` }; // a fresh address for every guess
      const wait = await lockedForMs(prisma, keys, new Date(now));
      if (wait > 0) {
        now += wait;
        continue;
      }
      await recordFailure(prisma, keys, new Date(now));
      guesses++;
      now += 100; // as fast as the server answers
    }
    expect(guesses).toBeLessThanOrEqual(THROTTLE.slowAfterFailuresPerEmail + 8 + (60 * 60_000) / THROTTLE.maxDelayMs);
    expect(guesses).toBeGreaterThan(50); // slowed, not stopped: the owner is never locked out either
  });

  it("locks an address that sprays many accounts, and only that address", async () => {
    const now = new Date("2026-03-03T10:00:00Z");
    for (let i = 0; i < THROTTLE.maxFailuresPerAddress; i++) await recordFailure(prisma, { email: `u${i}@example.org`, address: "10.9.9.9" }, now);
    expect(await lockedForMs(prisma, { email: "fresh@example.org", address: "10.9.9.9" }, now)).toBe(THROTTLE.lockMs);
    expect(await lockedForMs(prisma, { email: "fresh@example.org", address: "10.9.9.10" }, now)).toBe(0);
  });

  it("groups IPv6 addresses by /64, so rotating within one subscriber's prefix does not escape the limit", async () => {
    const email = "six@example.org";
    const now = new Date("2026-03-07T10:00:00Z");
    for (let i = 1; i <= THROTTLE.maxFailuresPerPair; i++) await recordFailure(prisma, { email, address: `2001:db8:1:2::${i.toString(16)}` }, now);
    expect(await lockedForMs(prisma, { email, address: "2001:db8:1:2:ffff::1" }, now)).toBe(THROTTLE.lockMs);
    expect(await lockedForMs(prisma, { email, address: "2001:db8:1:3::1", usualAddress: true }, now)).toBe(0);
  });

  it("without a known client address, only the email's slowing applies: nobody can lock a shared 'unknown' bucket", async () => {
    const email = "nopeer@example.org";
    const now = new Date("2026-03-04T10:00:00Z");
    for (let i = 0; i < 50; i++) await recordFailure(prisma, { email, address: null }, now);
    expect(await lockedForMs(prisma, { email, address: null }, now)).toBe(THROTTLE.maxDelayMs);
    expect(await prisma.loginThrottle.count({ where: { key: { not: `email:${email}` } } })).toBe(0);
  });

  it("starts counting again once the window has passed", async () => {
    const start = new Date("2026-03-05T10:00:00Z");
    const keys = { email: "slow@example.org", address: "10.1.1.1" };
    for (let i = 0; i < THROTTLE.maxFailuresPerPair - 1; i++) await recordFailure(prisma, keys, start);
    const later = new Date(start.getTime() + THROTTLE.windowMs + 1000);
    await recordFailure(prisma, keys, later);
    // The pair starts again; the email's longer count only slows (and not a usual address).
    expect(await lockedForMs(prisma, { ...keys, usualAddress: true }, later)).toBe(0);
    expect((await prisma.loginThrottle.findUniqueOrThrow({ where: { key: "pair:slow@example.org|10.1.1.1" } })).failures).toBe(1);
  });

  it("a success clears the email's and the pair's counters, not the address's", async () => {
    const keys = { email: "ok@example.org", address: "10.2.2.2" };
    await recordFailure(prisma, keys);
    await clearFailures(prisma, keys.email, keys.address);
    expect(await prisma.loginThrottle.findMany({ select: { key: true } })).toEqual([{ key: "ip:10.2.2.2" }]);
  });

  it("the email's delay doubles from 1 s and stops at 30 s", () => {
    expect([4, 5, 6, 7, 9, 10, 11, 1000].map(emailDelayMs)).toEqual([null, 1000, 2000, 4000, 16000, 30000, 30000, 30000]);
  });
});
