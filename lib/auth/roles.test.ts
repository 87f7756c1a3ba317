import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { assertRole, ROLES, type SessionUser, type TRole } from "./roles";

const sessionUser = vi.hoisted(() => ({ current: null as null | { id: string; name: string; email: string; role: string } }));
// The cookie decodes to a session of sessionUser.current, and the database has its row.
vi.mock("next/headers", () => ({ cookies: async () => ({ getAll: () => [] }) }));
vi.mock("next-auth/jwt", () => ({ getToken: async () => (sessionUser.current ? { uid: sessionUser.current.id, sid: "s1", tv: 0 } : null) }));
vi.mock("@/lib/db/client", () => ({
  getPrisma: async () => ({
    session: {
      findFirst: async () => (sessionUser.current ? { expiresAt: new Date(Date.now() + 12 * 3600_000), user: { ...sessionUser.current, active: true, tokenVersion: 0 } } : null),
    },
  }),
}));

const user = (role: TRole): SessionUser => ({ id: "u1", name: "U", email: "u@example.org", role });

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : "OTHER";
  }
}

describe("assertRole", () => {
  it.each(ROLES.flatMap((have) => ROLES.map((need) => [have, need] as const)))("a %s asking for %s", (have, need) => {
    expect(codeOf(() => assertRole(user(have), [need]))).toBe(have === need ? null : "FORBIDDEN");
  });

  it("refuses an anonymous visitor as UNAUTHENTICATED", () => {
    expect(codeOf(() => assertRole(null, ["READER"]))).toBe("UNAUTHENTICATED");
  });

  it("accepts any of several roles", () => {
    expect(assertRole(user("EDITOR"), ["REVIEWER", "EDITOR"]).role).toBe("EDITOR");
  });
});

describe("requireRole (reads the session)", () => {
  it("rejects the wrong role with 403 and no session with 401", async () => {
    const { requireRole } = await import("./session");
    sessionUser.current = { id: "r1", name: "Rita", email: "r@example.org", role: "REVIEWER" };
    await expect(requireRole("ADMIN")).rejects.toMatchObject({ code: "FORBIDDEN", status: 403 });
    await expect(requireRole("REVIEWER", "EDITOR")).resolves.toMatchObject({ id: "r1", role: "REVIEWER" });
    sessionUser.current = null;
    await expect(requireRole("REVIEWER")).rejects.toMatchObject({ code: "UNAUTHENTICATED", status: 401 });
  });

  it("treats a session with an unknown role as no session", async () => {
    const { requireRole } = await import("./session");
    sessionUser.current = { id: "x", name: "X", email: "x@example.org", role: "SUPERUSER" };
    await expect(requireRole("ADMIN")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
