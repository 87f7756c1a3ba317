import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ENGINES, shareWithServices, type TestDatabase } from "@/lib/testing/databases";
import { hashPassword } from "./password";
import { createSession, findSessionUser, isUsualAddress, revokeSession, SESSION_HISTORY_MS, SESSION_MAX_AGE_S } from "./session-store";

const { authOptions } = await import("./options");
const { signInWithPassword } = await import("./sign-in");

const PASSWORD = "a long enough passphrase";
const HOUR = 60 * 60_000;

describe.each(ENGINES)("server-side sessions on $name", ({ create }) => {
  let t: TestDatabase;
  let prisma: PrismaClient;
  let unshare: () => void;
  let n = 0;

  async function makeUser() {
    n++;
    return prisma.user.create({ data: { email: `s${n}@example.org`, name: `User ${n}`, role: "REVIEWER", passwordHash: await hashPassword(PASSWORD) } });
  }

  beforeAll(async () => {
    t = await create();
    prisma = t.db.prisma;
    unshare = shareWithServices(t);
  });
  afterAll(async () => {
    unshare?.();
    await t?.drop();
  });

  it("a session stands until it is revoked, and only for its own user", async () => {
    const u = await makeUser();
    const other = await makeUser();
    const sid = await createSession(prisma, { userId: u.id, address: "10.0.0.1", userAgent: "test" });
    const claims = { uid: u.id, sid, tv: 0 };
    expect(await findSessionUser(prisma, claims)).toEqual({ id: u.id, name: u.name, email: u.email, role: "REVIEWER" });
    expect(await findSessionUser(prisma, { ...claims, uid: other.id })).toBeNull();
    expect(await findSessionUser(prisma, { uid: u.id, tv: 0 })).toBeNull(); // a cookie from before sessions had ids
    await revokeSession(prisma, sid);
    expect(await findSessionUser(prisma, claims)).toBeNull();
  });

  it("ends with the user's token version, deactivation and expiry", async () => {
    const u = await makeUser();
    const sid = await createSession(prisma, { userId: u.id, address: null, userAgent: null });
    expect(await findSessionUser(prisma, { uid: u.id, sid, tv: 1 })).toBeNull();
    const later = new Date(Date.now() + SESSION_MAX_AGE_S * 1000 + 1000);
    expect(await findSessionUser(prisma, { uid: u.id, sid, tv: 0 }, later)).toBeNull();
    await prisma.user.update({ where: { id: u.id }, data: { active: false } });
    expect(await findSessionUser(prisma, { uid: u.id, sid, tv: 0 })).toBeNull();
  });

  it("extends a session in use only when half its time is gone (no write on most requests)", async () => {
    const u = await makeUser();
    const start = new Date("2026-06-01T08:00:00Z");
    const sid = await createSession(prisma, { userId: u.id, address: null, userAgent: null }, start);
    const claims = { uid: u.id, sid, tv: 0 };
    const expiresAt = async () => (await prisma.session.findUniqueOrThrow({ where: { id: sid } })).expiresAt.getTime();
    const first = await expiresAt();
    await findSessionUser(prisma, claims, new Date(start.getTime() + HOUR));
    expect(await expiresAt()).toBe(first);
    const late = new Date(start.getTime() + 11 * HOUR);
    expect(await findSessionUser(prisma, claims, late)).not.toBeNull();
    expect(await expiresAt()).toBe(late.getTime() + SESSION_MAX_AGE_S * 1000);
  });

  it("prunes rows long expired when someone signs in, and remembers usual addresses meanwhile", async () => {
    const u = await makeUser();
    const old = new Date(Date.now() - SESSION_HISTORY_MS - 2 * 24 * HOUR);
    const stale = await createSession(prisma, { userId: u.id, address: "10.1.1.1", userAgent: null }, old);
    expect(await isUsualAddress(prisma, u.id, "10.1.1.1", new Date(old.getTime() + HOUR))).toBe(true);
    await createSession(prisma, { userId: u.id, address: "10.2.2.2", userAgent: null });
    expect(await prisma.session.findUnique({ where: { id: stale } })).toBeNull();
    expect(await isUsualAddress(prisma, u.id, "10.2.2.2")).toBe(true);
    expect(await isUsualAddress(prisma, u.id, "10.1.1.1")).toBe(false);
  });

  it("sign-in opens a session that next-auth's sign-out event revokes", async () => {
    const u = await makeUser();
    const signedIn = await signInWithPassword({ email: u.email, password: PASSWORD }, "192.0.2.1", "Chromium");
    const jwt = authOptions.callbacks!.jwt!;
    const token = await jwt({ token: {}, user: signedIn, account: null } as never);
    expect(token).toMatchObject({ uid: u.id, sid: signedIn.sessionId });
    expect(await prisma.session.findUniqueOrThrow({ where: { id: signedIn.sessionId } })).toMatchObject({ userId: u.id, address: "192.0.2.1", userAgent: "Chromium", revokedAt: null });
    expect(await jwt({ token } as never)).toMatchObject({ uid: u.id });

    await authOptions.events!.signOut!({ token } as never);
    expect(await jwt({ token } as never)).toMatchObject({ revoked: true });
    expect(await findSessionUser(prisma, token)).toBeNull();
    // Another browser of the same user is not signed out.
    const elsewhere = await signInWithPassword({ email: u.email, password: PASSWORD }, "192.0.2.2");
    expect(await findSessionUser(prisma, { uid: u.id, sid: elsewhere.sessionId, tv: 0 })).not.toBeNull();
  });
});
