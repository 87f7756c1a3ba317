import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { codeOf } from "@/lib/testing/code-of";
import { ENGINES, createPgliteDatabase, type TestDatabase } from "@/lib/testing/databases";

const current = vi.hoisted(() => ({ prisma: null as unknown }));
vi.mock("@/lib/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/db/client")>()),
  getPrisma: async () => current.prisma,
}));

const { issueSetupCodeIfNoAdmin, setupFirstAdmin, isSetupOpen, createAdminFromShell } = await import("./first-admin");

const PASSWORD = "a long enough passphrase";
const admin = (code: string, email = "first@example.org") => ({ code, name: "First Admin", email, password: PASSWORD });

describe.each(ENGINES)("first admin on $name", ({ create }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await create();
    current.prisma = t.db.prisma;
  });
  afterAll(async () => t.drop());
  beforeEach(async () => {
    await t.db.prisma.accountEvent.deleteMany({});
    await t.db.prisma.user.deleteMany({});
    await t.db.prisma.setupCode.deleteMany({});
  });

  it("issues a code only while no admin exists, and the code creates exactly one admin", async () => {
    const code = await issueSetupCodeIfNoAdmin(t.db.prisma);
    expect(code).toMatch(/^[A-Z2-9]{5}(-[A-Z2-9]{5}){3}$/);
    expect(await isSetupOpen()).toBe(true);

    expect(await codeOf(setupFirstAdmin(admin("AAAAA-BBBBB-CCCCC-DDDDD")))).toBe("FORBIDDEN");
    expect(await t.db.prisma.user.count()).toBe(0);

    // Typed in lower case with spaces instead of dashes: still the same code.
    const created = await setupFirstAdmin(admin(code!.toLowerCase().replace(/-/g, " ")));
    const user = await t.db.prisma.user.findUniqueOrThrow({ where: { id: created.id } });
    expect(user).toMatchObject({ role: "ADMIN", email: "first@example.org", mustChangePassword: false, active: true });
    expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);
    expect(await t.db.prisma.accountEvent.findFirst({ where: { userId: user.id, type: "CREATED" } })).toMatchObject({ actorId: user.id });

    expect(await isSetupOpen()).toBe(false);
    expect(await t.db.prisma.setupCode.count()).toBe(0);
    // Used once: the same code, or any other, no longer opens anything.
    expect(await codeOf(setupFirstAdmin(admin(code!, "second@example.org")))).toBe("NOT_FOUND");
    expect(await issueSetupCodeIfNoAdmin(t.db.prisma)).toBeNull();
    expect(await t.db.prisma.user.count({ where: { role: "ADMIN" } })).toBe(1);
  });

  it("a restart cancels the earlier code", async () => {
    const before = await issueSetupCodeIfNoAdmin(t.db.prisma);
    const after = await issueSetupCodeIfNoAdmin(t.db.prisma);
    expect(after).not.toBe(before);
    expect(await codeOf(setupFirstAdmin(admin(before!)))).toBe("FORBIDDEN");
    expect(await codeOf(setupFirstAdmin(admin(after!)))).toBe("OK");
  });

  it("two people racing with the same code make one admin", async () => {
    const code = (await issueSetupCodeIfNoAdmin(t.db.prisma))!;
    const results = await Promise.all([setupFirstAdmin(admin(code, "a@example.org")), setupFirstAdmin(admin(code, "b@example.org"))].map(codeOf));
    expect(results.filter((r) => r === "OK")).toHaveLength(1);
    expect(await t.db.prisma.user.count({ where: { role: "ADMIN" } })).toBe(1);
  });

  it("refuses bad input with reasons and creates nothing", async () => {
    const code = (await issueSetupCodeIfNoAdmin(t.db.prisma))!;
    expect(await codeOf(setupFirstAdmin({ ...admin(code), password: "short" }))).toBe("INVALID");
    expect(await codeOf(setupFirstAdmin({ ...admin(code), email: "not an email" }))).toBe("INVALID");
    expect(await codeOf(setupFirstAdmin({ ...admin(code), role: "ADMIN" }))).toBe("INVALID");
    expect(await t.db.prisma.user.count()).toBe(0);
    // The code survives a refused attempt.
    expect(await codeOf(setupFirstAdmin(admin(code)))).toBe("OK");
  });

  it("the shell can add an admin at any time, and doing so closes /setup", async () => {
    const code = (await issueSetupCodeIfNoAdmin(t.db.prisma))!;
    await createAdminFromShell(t.db.prisma, { email: "Shell@Example.org", name: "Shell Admin", password: PASSWORD });
    expect(await codeOf(setupFirstAdmin(admin(code)))).toBe("NOT_FOUND");
    await createAdminFromShell(t.db.prisma, { email: "second@example.org", name: "Second", password: PASSWORD });
    expect(await codeOf(createAdminFromShell(t.db.prisma, { email: "shell@example.org", name: "Again", password: PASSWORD }))).toBe("CONFLICT");
    expect(await t.db.prisma.user.count({ where: { role: "ADMIN" } })).toBe(2);
  });
});

describe("npm run admin:create", () => {
  const run = promisify(execFile);
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createPgliteDatabase();
    await t.db.close(); // the command opens the folder itself: PGlite allows one process at a time
  });
  afterAll(async () => t.drop().catch(() => {}));

  function adminCreate(args: string[], password: string) {
    const child = run("npx", ["tsx", "--conditions=react-server", "lib/cli/admin-create.ts", ...args], { env: { ...process.env, DATABASE_URL: t.url } });
    child.child.stdin!.end(`${password}\n`);
    return child;
  }

  it("creates an admin with the password from standard input, and refuses a weak one", async () => {
    await expect(adminCreate(["--email", "ops@example.org", "--name", "Ops"], "short")).rejects.toMatchObject({ stderr: expect.stringContaining("admin:create failed: Use at least 12 characters") });
    await expect(adminCreate(["--email", "ops@example.org"], PASSWORD)).rejects.toMatchObject({ stderr: expect.stringContaining("Usage: npm run admin:create") });
    const { stdout } = await adminCreate(["--email", "ops@example.org", "--name", "Ops"], PASSWORD);
    expect(stdout).toContain("Created admin ops@example.org");
    const { openDb } = await import("@/lib/db/client");
    const db = await openDb(t.url);
    try {
      const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "ops@example.org" } });
      expect(user.role).toBe("ADMIN");
      expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);
    } finally {
      await db.close();
    }
  });
});
