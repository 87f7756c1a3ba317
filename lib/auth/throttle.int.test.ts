import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgliteDatabase, type TestDatabase } from "@/lib/testing/databases";
import { clearFailures, lockedForMs, recordFailure, THROTTLE } from "./throttle";

describe("sign-in throttle (database-backed)", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createPgliteDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("locks an email after the allowed failures, and only that email", async () => {
    const now = new Date("2026-01-01T10:00:00Z");
    const keys = { email: "victim@example.org", address: "10.0.0.1" };
    for (let i = 0; i < THROTTLE.maxFailuresPerPair - 1; i++) await recordFailure(t.db.prisma, keys, now);
    expect(await lockedForMs(t.db.prisma, keys, now)).toBe(0);
    await recordFailure(t.db.prisma, keys, now);
    expect(await lockedForMs(t.db.prisma, keys, now)).toBe(THROTTLE.lockMs);
    expect(await lockedForMs(t.db.prisma, { email: "other@example.org", address: "10.0.0.2" }, now)).toBe(0);
    // The lock runs out.
    expect(await lockedForMs(t.db.prisma, keys, new Date(now.getTime() + THROTTLE.lockMs + 1))).toBe(0);
  });

  it("starts counting again once the window has passed", async () => {
    const start = new Date("2026-01-02T10:00:00Z");
    const keys = { email: "slow@example.org", address: null };
    for (let i = 0; i < THROTTLE.maxFailuresPerPair - 1; i++) await recordFailure(t.db.prisma, keys, start);
    const later = new Date(start.getTime() + THROTTLE.windowMs + 1000);
    await recordFailure(t.db.prisma, keys, later);
    expect(await lockedForMs(t.db.prisma, keys, later)).toBe(0);
    const row = await t.db.prisma.loginThrottle.findUniqueOrThrow({ where: { key: "email:slow@example.org" } });
    expect(row.failures).toBe(1);
  });

  it("locks an address that sprays many accounts", async () => {
    const now = new Date("2026-01-03T10:00:00Z");
    for (let i = 0; i < THROTTLE.maxFailuresPerAddress; i++) await recordFailure(t.db.prisma, { email: `u${i}@example.org`, address: "10.9.9.9" }, now);
    expect(await lockedForMs(t.db.prisma, { email: "fresh@example.org", address: "10.9.9.9" }, now)).toBeGreaterThan(0);
    expect(await lockedForMs(t.db.prisma, { email: "fresh@example.org", address: "10.9.9.10" }, now)).toBe(0);
  });

  it("a success clears the email's counter", async () => {
    const keys = { email: "ok@example.org", address: null };
    await recordFailure(t.db.prisma, keys);
    await clearFailures(t.db.prisma, "ok@example.org");
    expect(await t.db.prisma.loginThrottle.count({ where: { key: "email:ok@example.org" } })).toBe(0);
  });
});
