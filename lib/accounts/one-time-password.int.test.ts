import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { createPgliteDatabase, type TestDatabase } from "@/lib/testing/databases";
import { hashPassword } from "@/lib/auth/password";
import { createSession } from "@/lib/auth/session-store";
import { generateToken, hashToken } from "./tokens";

// Issue 20, item 7: a one-time password must force a change before anything else, in the session
// layer itself (not only a redirect in proxy.ts); an unusable invitation link must not answer 200.

const SECRET = "test-secret-for-one-time-passwords-0123456789";
process.env.NEXTAUTH_SECRET = SECRET;
vi.mock("next/headers", async () => (await import("@/lib/testing/next-headers-jar")).nextHeadersStandIn);
const { sessionCookieJar: jar } = await import("@/lib/testing/next-headers-jar");

const appDatabase = globalThis as typeof globalThis & { __factmarkDb?: Promise<Db> };
const session = await import("@/lib/auth/session");
const { readOwnAccount } = await import("./read-account");
const { answerGoneInvitation } = await import("./invitation-response");
const claimsRoute = await import("@/app/api/articles/import/route");
const passwordRoute = await import("@/app/api/account/password/route");

/** next/navigation's redirect() throws an error whose digest names the target. */
async function redirectTarget(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (e) {
    const digest = (e as { digest?: string }).digest ?? "";
    if (!digest.startsWith("NEXT_REDIRECT")) throw e;
    return digest.split(";")[2];
  }
}

describe("a user who still has a one-time password", () => {
  let t: TestDatabase;
  let userId: string;
  const oneTime = "one-time password chosen by an admin";

  beforeAll(async () => {
    t = await createPgliteDatabase();
    appDatabase.__factmarkDb = Promise.resolve(t.db);
    const user = await t.db.prisma.user.create({
      data: { email: "new@example.org", name: "Nina", role: "EDITOR", mustChangePassword: true, passwordHash: await hashPassword(oneTime) },
    });
    userId = user.id;
    const sid = await createSession(t.db.prisma, { userId: user.id, address: null, userAgent: null });
    jar.cookie = await encode({ token: { sub: user.id, uid: user.id, sid, tv: 0, role: "EDITOR", name: user.name, email: user.email }, secret: SECRET });
  });
  afterAll(async () => {
    appDatabase.__factmarkDb = undefined;
    await t?.drop();
  });

  it("is refused by every service and role check", async () => {
    await expect(session.requireUser()).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/one-time password/) });
    await expect(session.requireRole("EDITOR")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("gets 403 from an API route, with the reason", async () => {
    const res = await claimsRoute.POST(new Request("http://127.0.0.1:3200/api/articles/import", { method: "POST", body: "{}" }));
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/one-time password/);
  });

  it("is sent to the account page from any other page, signed-in area or public", async () => {
    expect(await redirectTarget(() => session.requirePageRole("/review/queue", "EDITOR"))).toBe("/account");
    expect(await redirectTarget(() => session.getPageSessionUser())).toBe("/account");
    expect(await redirectTarget(() => session.requirePageRole("/account", "EDITOR", "READER"))).toBeNull();
    await expect(readOwnAccount(await session.requireUserChangingPassword())).resolves.toMatchObject({ mustChangePassword: true });
  });

  it("may change the password, and then reach everything again", async () => {
    const res = await passwordRoute.POST(
      new Request("http://127.0.0.1:3200/api/account/password", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://127.0.0.1:3200", host: "127.0.0.1:3200" },
        body: JSON.stringify({ currentPassword: oneTime, newPassword: "a brand new passphrase only I know", confirmNewPassword: "a brand new passphrase only I know" }),
      }),
    );
    expect(res.status, await res.clone().text()).toBe(200);
    // The change revoked this session (tokenVersion); the browser signs in again with the new password.
    const sid = await createSession(t.db.prisma, { userId, address: null, userAgent: null });
    jar.cookie = await encode({ token: { sub: userId, uid: userId, sid, tv: 1, role: "EDITOR", name: "Nina", email: "new@example.org" }, secret: SECRET });
    await expect(session.requireUser()).resolves.toMatchObject({ id: userId });
    expect(await redirectTarget(() => session.requirePageRole("/review/queue", "EDITOR"))).toBeNull();
  });
});

describe("an unusable invitation link", () => {
  let t: TestDatabase;
  let userId: string;
  const adminId = "admin-for-invitations";

  beforeAll(async () => {
    t = await createPgliteDatabase();
    appDatabase.__factmarkDb = Promise.resolve(t.db);
    await t.db.prisma.user.create({ data: { id: adminId, email: "admin@example.org", name: "Ada", role: "ADMIN", passwordHash: await hashPassword("admin passphrase 123") } });
    userId = (await t.db.prisma.user.create({ data: { email: "invited@example.org", name: "Ivo", role: "REVIEWER", passwordHash: "!" } })).id;
  });
  afterAll(async () => {
    appDatabase.__factmarkDb = undefined;
    await t?.drop();
  });

  async function invite(data: { expiresAt: Date; usedAt?: Date; revokedAt?: Date }): Promise<string> {
    const token = generateToken();
    await t.db.prisma.invitation.create({ data: { userId, createdById: adminId, tokenHash: hashToken(token), ...data } });
    return token;
  }

  it("answers 410 with its page when used, expired or replaced", async () => {
    const soon = new Date(Date.now() + 60_000);
    const used = await invite({ expiresAt: soon, usedAt: new Date() });
    const expired = await invite({ expiresAt: new Date(Date.now() - 1000) });
    const replaced = await invite({ expiresAt: soon, revokedAt: new Date() });
    for (const [token, reason] of [[used, /already been used/], [expired, /expired/], [replaced, /replaced/]] as const) {
      const res = await answerGoneInvitation(`/invite/${token}`);
      expect(res?.status).toBe(410);
      expect(await res!.text()).toMatch(reason);
    }
  });

  it("leaves a valid link and a bad token to the page (which answers 404 for the bad one)", async () => {
    const valid = await invite({ expiresAt: new Date(Date.now() + 60_000) });
    expect(await answerGoneInvitation(`/invite/${valid}`)).toBeNull();
    expect(await answerGoneInvitation("/invite/not-a-real-token")).toBeNull();
    const page = (await import("@/app/invite/[token]/page")).default;
    await expect(page({ params: Promise.resolve({ token: "not-a-real-token" }) })).rejects.toMatchObject({ digest: expect.stringMatching(/NEXT_HTTP_ERROR_FALLBACK;404/) });
  });
});
