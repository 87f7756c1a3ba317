import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDb, type Db } from "@/lib/db/client";
import { createPgliteDatabase, type TestDatabase } from "@/lib/testing/databases";
import { hashPassword } from "./password";
import { createSession } from "./session-store";

// Issue 12: while the database was down, the session check's error read as "no session", so every
// write got 401 and the page looked signed out. Here the app's database refuses connections, and
// the session check must fail loudly instead.

const SECRET = "test-secret-for-session-checks-0123456789";
process.env.NEXTAUTH_SECRET = SECRET;
const COOKIE = "next-auth.session-token";
vi.mock("next/headers", async () => (await import("@/lib/testing/next-headers-jar")).nextHeadersStandIn);
const { sessionCookieJar: jar } = await import("@/lib/testing/next-headers-jar");

const appDatabase = globalThis as typeof globalThis & { __factmarkDb?: Promise<Db> };
const { getSessionUser } = await import("./session");
const { authOptions } = await import("./options");
const route = await import("@/app/api/auth/[...nextauth]/route");

describe("the session check when the database is unreachable", () => {
  let t: TestDatabase;
  let unreachable: Db;
  let user: { id: string; email: string; name: string };
  let sid: string;

  beforeAll(async () => {
    t = await createPgliteDatabase();
    // Nothing listens on port 1: every query fails to connect, like PostgreSQL being restarted.
    unreachable = await openDb("postgresql://postgres@127.0.0.1:1/factmark");
    user = await t.db.prisma.user.create({ data: { email: "outage@example.org", name: "Olga", role: "EDITOR", passwordHash: await hashPassword("a long enough passphrase") } });
    sid = await createSession(t.db.prisma, { userId: user.id, address: null, userAgent: null });
    jar.cookie = await encode({ token: { sub: user.id, uid: user.id, sid, tv: 0, role: "EDITOR", name: user.name, email: user.email }, secret: SECRET });
  });
  afterAll(async () => {
    appDatabase.__factmarkDb = undefined;
    await unreachable?.close();
    await t?.drop();
  });

  it("reads the signed-in user while the database is up", async () => {
    appDatabase.__factmarkDb = Promise.resolve(t.db);
    await expect(getSessionUser()).resolves.toMatchObject({ id: user.id, role: "EDITOR" });
  });

  it("rejects, rather than reporting nobody signed in, when the database cannot be reached", async () => {
    appDatabase.__factmarkDb = Promise.resolve(unreachable);
    await expect(getSessionUser()).rejects.toThrow(/reach database/);
  });

  it("/api/auth/session answers with an error, not an empty (signed-out) session", async () => {
    appDatabase.__factmarkDb = Promise.resolve(unreachable);
    const response = await route.GET(new Request("http://127.0.0.1:3120/api/auth/session", { headers: { cookie: `${COOKIE}=${jar.cookie}` } }), {
      params: Promise.resolve({ nextauth: ["session"] }),
    });
    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(await response.json()).toMatchObject({ error: { message: expect.any(String) } });
  });

  it("signing in says the service is unavailable, without the database error's text", async () => {
    appDatabase.__factmarkDb = Promise.resolve(unreachable);
    const provider = authOptions.providers[0] as unknown as { options: { authorize: (c: unknown, r: unknown) => Promise<unknown> } };
    const attempt = provider.options.authorize({ email: user.email, password: "a long enough passphrase" }, { headers: {} });
    await expect(attempt).rejects.toThrow(/^Signing in is not possible right now/);
    appDatabase.__factmarkDb = Promise.resolve(t.db);
    await expect(provider.options.authorize({ email: user.email, password: "wrong" }, { headers: {} })).rejects.toThrow("Wrong email or password.");
  });
});
