import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ROLES, type SessionUser, type TRole } from "@/lib/auth/roles";
import { hashPassword } from "@/lib/auth/password";
import { ENGINES, type TestDatabase } from "@/lib/testing/databases";

// The services open the app's database through getPrisma(); point it at the throwaway one.
const current = vi.hoisted(() => ({ prisma: null as unknown }));
vi.mock("@/lib/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/db/client")>()),
  getPrisma: async () => current.prisma,
}));

const { acceptInvitation, readInvitation } = await import("./accept-invitation");
const { changeOwnPassword } = await import("./change-password");
const { changeUserRole } = await import("./change-role");
const { createInvitation } = await import("./create-invitation");
const { createUser } = await import("./create-user");
const { getUserForAdmin } = await import("./get-user");
const { listUsers } = await import("./list-users");
const { readOwnAccount } = await import("./read-account");
const { setUserActive } = await import("./set-user-active");
const { updateOwnProfile } = await import("./update-profile");
const { hashToken, INVITATION_TTL_MS } = await import("./tokens");
const { signInWithPassword } = await import("@/lib/auth/sign-in");
const { authOptions } = await import("@/lib/auth/options");

const PASSWORD = "a long enough passphrase";

async function codeOf(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (e) {
    return (e as { code?: string }).code ?? "OTHER";
  }
}

describe.each(ENGINES)("account services on $name", ({ create }) => {
  let t: TestDatabase;
  let prisma: PrismaClient;
  let n = 0;
  const users: Record<TRole, SessionUser> = {} as Record<TRole, SessionUser>;

  async function makeUser(role: TRole, opts: { active?: boolean; password?: string } = {}): Promise<SessionUser> {
    n++;
    const u = await prisma.user.create({
      data: { email: `u${n}-${role.toLowerCase()}@example.org`, name: `User ${n}`, role, active: opts.active ?? true, passwordHash: await hashPassword(opts.password ?? PASSWORD) },
    });
    return { id: u.id, name: u.name, email: u.email, role };
  }

  beforeAll(async () => {
    t = await create();
    prisma = t.db.prisma;
    current.prisma = prisma;
    for (const r of ROLES) users[r] = await makeUser(r);
  });
  afterAll(async () => {
    await t?.drop();
  });

  describe("invitations", () => {
    it("creates a user with a single-use link stored only as a hash, valid for 7 days", async () => {
      const before = Date.now();
      const created = await createUser(users.ADMIN, { name: "Ivy Invited", email: "Ivy@Example.org", role: "REVIEWER", method: "invitation" });
      expect(created.user).toMatchObject({ email: "ivy@example.org", role: "REVIEWER" });
      expect(created.generatedPassword).toBeUndefined();
      const token = created.invitation!.token;
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(created.invitation!.path).toBe(`/invite/${token}`);

      const rows = await prisma.invitation.findMany({ where: { userId: created.user.id } });
      expect(rows).toHaveLength(1);
      expect(rows[0]!.tokenHash).toBe(hashToken(token));
      expect(JSON.stringify(rows)).not.toContain(token);
      const ttl = rows[0]!.expiresAt.getTime() - before;
      expect(ttl).toBeGreaterThanOrEqual(INVITATION_TTL_MS - 5_000);
      expect(ttl).toBeLessThanOrEqual(INVITATION_TTL_MS + 5_000);

      // Nobody can sign in before the link is used.
      await expect(signInWithPassword({ email: "ivy@example.org", password: PASSWORD }, null)).rejects.toThrow();
      expect(await readInvitation(token)).toMatchObject({ status: "valid", email: "ivy@example.org", name: "Ivy Invited" });

      await expect(acceptInvitation({ token, newPassword: "ivy's own passphrase", confirmNewPassword: "ivy's own passphrase" })).resolves.toEqual({ email: "ivy@example.org" });
      await expect(signInWithPassword({ email: "ivy@example.org", password: "ivy's own passphrase" }, null)).resolves.toMatchObject({ role: "REVIEWER" });

      // Single use: a second try, even with another password, is refused and changes nothing.
      expect(await readInvitation(token)).toMatchObject({ status: "used" });
      await expect(acceptInvitation({ token, newPassword: "an attacker's passphrase", confirmNewPassword: "an attacker's passphrase" })).rejects.toMatchObject({
        code: "CONFLICT",
        message: expect.stringMatching(/already been used/),
      });
      await expect(signInWithPassword({ email: "ivy@example.org", password: "an attacker's passphrase" }, null)).rejects.toThrow();

      const detail = await getUserForAdmin(users.ADMIN, created.user.id);
      expect(detail.events.map((e) => e.type).sort()).toEqual(["CREATED", "INVITATION_CREATED", "INVITATION_USED"]);
      expect(detail.events.find((e) => e.type === "INVITATION_USED")!.actor.id).toBe(created.user.id);
      expect(detail.events.find((e) => e.type === "CREATED")!.actor.id).toBe(users.ADMIN.id);
    });

    it("refuses an expired link, and a link used twice at the same moment succeeds once", async () => {
      const created = await createUser(users.ADMIN, { name: "Eve Expired", email: "eve@example.org", role: "READER", method: "invitation" });
      const { token, expiresAt } = created.invitation!;
      const later = new Date(expiresAt.getTime() + 1);
      expect(await readInvitation(token, later)).toMatchObject({ status: "expired", message: expect.stringMatching(/expired/) });
      await expect(acceptInvitation({ token, newPassword: PASSWORD, confirmNewPassword: PASSWORD }, later)).rejects.toMatchObject({ code: "INVALID", message: expect.stringMatching(/expired/) });

      const results = await Promise.allSettled([
        acceptInvitation({ token, newPassword: "first passphrase here", confirmNewPassword: "first passphrase here" }),
        acceptInvitation({ token, newPassword: "second passphrase here", confirmNewPassword: "second passphrase here" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await prisma.accountEvent.count({ where: { userId: created.user.id, type: "INVITATION_USED" } })).toBe(1);
    });

    it("a newer link replaces the old one; a deactivated user's link stops working; unknown tokens are just invalid", async () => {
      const created = await createUser(users.ADMIN, { name: "Rex Replaced", email: "rex@example.org", role: "EDITOR", method: "invitation" });
      const first = created.invitation!.token;
      const second = (await createInvitation(users.ADMIN, created.user.id)).token;
      expect(await readInvitation(first)).toMatchObject({ status: "replaced" });
      expect(await readInvitation(second)).toMatchObject({ status: "valid" });
      await expect(acceptInvitation({ token: first, newPassword: PASSWORD, confirmNewPassword: PASSWORD })).rejects.toMatchObject({ code: "CONFLICT" });

      await setUserActive(users.ADMIN, created.user.id, false);
      expect(await readInvitation(second)).toMatchObject({ status: "invalid" });
      await expect(acceptInvitation({ token: second, newPassword: PASSWORD, confirmNewPassword: PASSWORD })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(createInvitation(users.ADMIN, created.user.id)).rejects.toMatchObject({ code: "CONFLICT" });

      expect(await readInvitation("no-such-token")).toMatchObject({ status: "invalid" });
      await expect(acceptInvitation({ token: "x".repeat(43), newPassword: PASSWORD, confirmNewPassword: PASSWORD })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("checks the new password on the invitation too", async () => {
      const created = await createUser(users.ADMIN, { name: "Pat Policy", email: "pat@example.org", role: "READER", method: "invitation" });
      const token = created.invitation!.token;
      await expect(acceptInvitation({ token, newPassword: "short", confirmNewPassword: "short" })).rejects.toMatchObject({ code: "INVALID", fieldErrors: { newPassword: [expect.stringMatching(/12 characters/)] } });
      await expect(acceptInvitation({ token, newPassword: "password1234", confirmNewPassword: "password1234" })).rejects.toMatchObject({ code: "INVALID", fieldErrors: { newPassword: [expect.stringMatching(/too common/)] } });
      await expect(acceptInvitation({ token, newPassword: PASSWORD, confirmNewPassword: `${PASSWORD}!` })).rejects.toMatchObject({ fieldErrors: { confirmNewPassword: [expect.stringMatching(/do not match/)] } });
      expect(await readInvitation(token)).toMatchObject({ status: "valid" });
    });
  });

  describe("creating users", () => {
    it("with a one-time password, typed or generated, that must then be changed", async () => {
      const typed = await createUser(users.ADMIN, { name: "Tia Typed", email: "tia@example.org", role: "REVIEWER", method: "password", password: "a one-time passphrase" });
      expect(typed.generatedPassword).toBeUndefined();
      await expect(signInWithPassword({ email: "tia@example.org", password: "a one-time passphrase" }, null)).resolves.toMatchObject({ id: typed.user.id });
      const generated = await createUser(users.ADMIN, { name: "Gus Generated", email: "gus@example.org", role: "READER", method: "password", password: "" });
      expect(generated.generatedPassword).toMatch(/^[A-Za-z0-9]{20}$/);
      await expect(signInWithPassword({ email: "gus@example.org", password: generated.generatedPassword }, null)).resolves.toMatchObject({ id: generated.user.id });
      expect((await readOwnAccount({ ...generated.user })).mustChangePassword).toBe(true);
      const stored = await prisma.user.findUniqueOrThrow({ where: { id: generated.user.id } });
      expect(stored.passwordHash).not.toContain(generated.generatedPassword!);
      expect(stored.lastSignInAt).toBeInstanceOf(Date);
    });

    it("refuses a duplicate or invalid email and a weak one-time password with field messages", async () => {
      await expect(createUser(users.ADMIN, { name: "Dup", email: users.EDITOR.email.toUpperCase(), role: "READER", method: "invitation" })).rejects.toMatchObject({
        code: "CONFLICT",
        fieldErrors: { email: ["A user with this email address already exists."] },
      });
      await expect(createUser(users.ADMIN, { name: "Bad", email: "not-an-email", role: "READER", method: "invitation" })).rejects.toMatchObject({ code: "INVALID", fieldErrors: { email: [expect.stringMatching(/valid email/)] } });
      await expect(createUser(users.ADMIN, { name: "", email: "x@example.org", role: "OWNER", method: "invitation" })).rejects.toMatchObject({ code: "INVALID", fieldErrors: { name: [expect.any(String)], role: [expect.any(String)] } });
      await expect(createUser(users.ADMIN, { name: "Weak", email: "weak@example.org", role: "READER", method: "password", password: "qwertyqwerty" })).rejects.toMatchObject({ code: "INVALID", fieldErrors: { password: [expect.stringMatching(/too common/)] } });
      expect(await prisma.user.count({ where: { email: { in: ["x@example.org", "weak@example.org", "not-an-email"] } } })).toBe(0);
    });
  });

  describe("the last-admin guard", () => {
    it("the only active admin cannot demote or deactivate themselves; with a second admin they can", async () => {
      // A separate database state: make this suite's admin the only active one.
      const solo = users.ADMIN;
      const otherAdmins = await prisma.user.findMany({ where: { role: "ADMIN", active: true, id: { not: solo.id } } });
      expect(otherAdmins).toHaveLength(0);
      const inactiveAdmin = await makeUser("ADMIN", { active: false });
      await expect(changeUserRole(solo, solo.id, { role: "EDITOR" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/last active admin/) });
      await expect(setUserActive(solo, solo.id, false)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/last active admin/) });
      expect(await prisma.user.findUniqueOrThrow({ where: { id: solo.id } })).toMatchObject({ role: "ADMIN", active: true });

      await setUserActive(solo, inactiveAdmin.id, true);
      const second = { ...inactiveAdmin, role: "ADMIN" as const };
      await expect(changeUserRole(second, second.id, { role: "EDITOR" })).resolves.toMatchObject({ role: "EDITOR" });
      await expect(changeUserRole(solo, second.id, { role: "ADMIN" })).resolves.toMatchObject({ role: "ADMIN" });

      // Two admins demoting themselves at the same moment: the lock lets exactly one through.
      const results = await Promise.allSettled([changeUserRole(solo, solo.id, { role: "EDITOR" }), changeUserRole(second, second.id, { role: "EDITOR" })]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await prisma.user.count({ where: { role: "ADMIN", active: true } })).toBe(1);
      // Put things back for the tests below.
      const remaining = await prisma.user.findFirstOrThrow({ where: { role: "ADMIN", active: true } });
      if (remaining.id !== solo.id) await prisma.user.update({ where: { id: solo.id }, data: { role: "ADMIN" } });
      const events = await prisma.accountEvent.findMany({ where: { userId: second.id }, orderBy: { createdAt: "asc" } });
      expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["REACTIVATED", "ROLE_CHANGED"]));
    });
  });

  describe("deactivation", () => {
    it("refuses sign-in and revokes open sessions, and reactivation does not revive them; claims stay", async () => {
      const u = await makeUser("REVIEWER");
      const signedIn = await signInWithPassword({ email: u.email, password: PASSWORD }, null);
      const jwt = authOptions.callbacks!.jwt!;
      const token = await jwt({ token: {}, user: { ...signedIn, id: signedIn.id }, account: null } as never);
      expect(await jwt({ token } as never)).toMatchObject({ uid: u.id });

      await setUserActive(users.ADMIN, u.id, false);
      expect(await jwt({ token } as never)).toMatchObject({ revoked: true });
      await expect(signInWithPassword({ email: u.email, password: PASSWORD }, null)).rejects.toThrow("Wrong email or password.");

      await setUserActive(users.ADMIN, u.id, true);
      expect(await jwt({ token } as never)).toMatchObject({ revoked: true });
      await expect(signInWithPassword({ email: u.email, password: PASSWORD }, null)).resolves.toMatchObject({ id: u.id });
      expect((await getUserForAdmin(users.ADMIN, u.id)).events.map((e) => e.type)).toEqual(["REACTIVATED", "DEACTIVATED"]);
      expect(await prisma.user.findUnique({ where: { id: u.id } })).not.toBeNull();
    });
  });

  describe("own account", () => {
    it("changes the password only with the right current one, then revokes every session", async () => {
      const u = await makeUser("EDITOR");
      const signedIn = await signInWithPassword({ email: u.email, password: PASSWORD }, null);
      const jwt = authOptions.callbacks!.jwt!;
      const token = await jwt({ token: {}, user: signedIn, account: null } as never);

      const wrong = changeOwnPassword(u, { currentPassword: "not my password", newPassword: "a brand new passphrase", confirmNewPassword: "a brand new passphrase" });
      await expect(wrong).rejects.toMatchObject({ code: "INVALID", fieldErrors: { currentPassword: ["Your current password is not right."] } });
      await expect(changeOwnPassword(u, { currentPassword: PASSWORD, newPassword: "letmeinletmein", confirmNewPassword: "letmeinletmein" })).rejects.toMatchObject({ fieldErrors: { newPassword: [expect.stringMatching(/too common/)] } });
      await expect(changeOwnPassword(u, { currentPassword: PASSWORD, newPassword: "eleven char", confirmNewPassword: "eleven char" })).rejects.toMatchObject({ fieldErrors: { newPassword: [expect.stringMatching(/12 characters/)] } });
      expect(await jwt({ token } as never)).toMatchObject({ uid: u.id });

      await expect(changeOwnPassword(u, { currentPassword: PASSWORD, newPassword: "a brand new passphrase", confirmNewPassword: "a brand new passphrase" })).resolves.toEqual({ email: u.email });
      expect(await jwt({ token } as never)).toMatchObject({ revoked: true });
      await expect(signInWithPassword({ email: u.email, password: PASSWORD }, null)).rejects.toThrow();
      const fresh = await signInWithPassword({ email: u.email, password: "a brand new passphrase" }, null);
      expect(await jwt({ token: await jwt({ token: {}, user: fresh, account: null } as never) } as never)).toMatchObject({ uid: u.id });
      const events = await prisma.accountEvent.findMany({ where: { userId: u.id } });
      expect(events).toEqual([expect.objectContaining({ type: "PASSWORD_CHANGED", actorId: u.id, details: null })]);
    });

    it("throttles guesses of the current password like sign-in does", async () => {
      const u = await makeUser("REVIEWER");
      const guess = () => changeOwnPassword(u, { currentPassword: "guess", newPassword: "a brand new passphrase", confirmNewPassword: "a brand new passphrase" });
      for (let i = 0; i < 5; i++) expect(await codeOf(guess())).toBe("INVALID");
      expect(await codeOf(guess())).toBe("TOO_MANY_REQUESTS");
    });

    it("locks guesses of the current password from one address like sign-in does", async () => {
      const u = await makeUser("REVIEWER");
      const guess = () => changeOwnPassword(u, { currentPassword: "guess", newPassword: "a brand new passphrase", confirmNewPassword: "a brand new passphrase" }, "203.0.113.9");
      for (let i = 0; i < 5; i++) expect(await codeOf(guess())).toBe("INVALID");
      const pair = await prisma.loginThrottle.findUnique({ where: { key: `pair:${u.email}|203.0.113.9` } });
      expect(pair?.lockedUntil?.getTime() ?? 0).toBeGreaterThan(Date.now() + 10 * 60_000);
      expect(await prisma.loginThrottle.findUnique({ where: { key: "ip:203.0.113.9" } })).toMatchObject({ failures: 5 });
    });

    it("renames only the signed-in user, and records it", async () => {
      const u = await makeUser("READER");
      await expect(updateOwnProfile(u, { name: "  New Name  " })).resolves.toEqual({ name: "New Name" });
      await expect(updateOwnProfile(u, { name: "" })).rejects.toMatchObject({ code: "INVALID" });
      await expect(updateOwnProfile(u, { name: "x", id: users.ADMIN.id })).rejects.toMatchObject({ code: "INVALID" });
      expect((await prisma.user.findUniqueOrThrow({ where: { id: users.ADMIN.id } })).name).not.toBe("x");
      expect(await prisma.accountEvent.findMany({ where: { userId: u.id } })).toEqual([expect.objectContaining({ type: "NAME_CHANGED", details: { from: expect.any(String), to: "New Name" } })]);
    });
  });

  describe("authorization matrix", () => {
    const adminActions: [string, (actor: SessionUser | null, target: string) => Promise<unknown>][] = [
      ["listUsers", (a) => listUsers(a, {})],
      ["getUserForAdmin", (a, id) => getUserForAdmin(a, id)],
      ["createUser", (a) => createUser(a, { name: "Nope", email: `nope-${Math.random()}@example.org`, role: "ADMIN", method: "invitation" })],
      ["changeUserRole", (a, id) => changeUserRole(a, id, { role: "ADMIN" })],
      ["deactivate", (a, id) => setUserActive(a, id, false)],
      ["reactivate", (a, id) => setUserActive(a, id, true)],
      ["createInvitation", (a, id) => createInvitation(a, id)],
    ];
    const ownActions: [string, (actor: SessionUser | null) => Promise<unknown>][] = [
      ["readOwnAccount", (a) => readOwnAccount(a)],
      ["updateOwnProfile", (a) => updateOwnProfile(a, { name: a?.name ?? "Anon" })],
    ];

    it.each(adminActions)("%s: admins only; others get FORBIDDEN, anonymous UNAUTHENTICATED, and nothing changes", async (_name, run) => {
      const target = await makeUser("READER");
      const eventsBefore = await prisma.accountEvent.count();
      const usersBefore = await prisma.user.count();
      for (const role of ["READER", "REVIEWER", "EDITOR"] as const) expect(await codeOf(run(users[role], target.id))).toBe("FORBIDDEN");
      expect(await codeOf(run(null, target.id))).toBe("UNAUTHENTICATED");
      expect(await prisma.accountEvent.count()).toBe(eventsBefore);
      expect(await prisma.user.count()).toBe(usersBefore);
      expect(await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ role: "READER", active: true });
      expect(await codeOf(run(users.ADMIN, target.id))).toBeNull();
    });

    it.each(ownActions)("%s: every signed-in role, never anonymous", async (_name, run) => {
      for (const role of ROLES) expect(await codeOf(run(users[role]))).toBeNull();
      expect(await codeOf(run(null))).toBe("UNAUTHENTICATED");
    });

    it("changeOwnPassword and acceptInvitation: anonymous cannot change a password", async () => {
      expect(await codeOf(changeOwnPassword(null, { currentPassword: PASSWORD, newPassword: "a brand new passphrase", confirmNewPassword: "a brand new passphrase" }))).toBe("UNAUTHENTICATED");
      expect(await codeOf(acceptInvitation({ token: "guessed", newPassword: "a brand new passphrase", confirmNewPassword: "a brand new passphrase" }))).toBe("NOT_FOUND");
    });

    it("an unknown or malformed user id is NOT_FOUND for an admin", async () => {
      for (const id of ["does-not-exist", "../etc", ""]) {
        expect(await codeOf(getUserForAdmin(users.ADMIN, id))).toBe("NOT_FOUND");
        expect(await codeOf(setUserActive(users.ADMIN, id, false))).toBe("NOT_FOUND");
      }
    });
  });

  it("lists users with search, role filter, status, last sign-in and claim counts", async () => {
    const all = await listUsers(users.ADMIN, {});
    expect(all.length).toBeGreaterThan(5);
    const reviewers = await listUsers(users.ADMIN, { role: "REVIEWER" });
    expect(reviewers.length).toBeGreaterThan(0);
    expect(reviewers.every((u) => u.role === "REVIEWER")).toBe(true);
    expect(await listUsers(users.ADMIN, { q: "IVY@example" })).toEqual([expect.objectContaining({ name: "Ivy Invited", claimCount: 0, active: true, lastSignInAt: expect.any(Date) })]);
    expect(await listUsers(users.ADMIN, { q: "rex" })).toEqual([expect.objectContaining({ active: false })]);
    // Nonsense filters are ignored rather than failing the page.
    expect((await listUsers(users.ADMIN, { role: "OWNER", q: ["a", "b"] })).length).toBe(all.length);
  });
});
