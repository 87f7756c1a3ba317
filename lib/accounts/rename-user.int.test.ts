import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/roles";
import { codeOf } from "@/lib/testing/code-of";
import { ENGINES, type TestDatabase } from "@/lib/testing/databases";

const current = vi.hoisted(() => ({ prisma: null as unknown }));
vi.mock("@/lib/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/db/client")>()),
  getPrisma: async () => current.prisma,
}));

const { renameUser } = await import("./rename-user");

describe.each(ENGINES)("renaming a user on $name", ({ create }) => {
  let t: TestDatabase;
  let admin: SessionUser;
  let editor: SessionUser;
  let subjectId = "";
  beforeAll(async () => {
    t = await create();
    current.prisma = t.db.prisma;
    const make = (email: string, role: "ADMIN" | "EDITOR" | "REVIEWER") => t.db.prisma.user.create({ data: { email, name: email.split("@")[0], role, passwordHash: "x" } });
    const a = await make("admin@example.org", "ADMIN");
    const e = await make("editor@example.org", "EDITOR");
    subjectId = (await make("subject@example.org", "REVIEWER")).id;
    admin = { id: a.id, name: a.name, email: a.email, role: "ADMIN" };
    editor = { id: e.id, name: e.name, email: e.email, role: "EDITOR" };
  });
  afterAll(async () => t.drop());

  it("an admin renames; the history keeps both names; the same name again records nothing", async () => {
    expect(await renameUser(admin, subjectId, { name: "  Samir Taha " })).toEqual({ id: subjectId, name: "Samir Taha" });
    await renameUser(admin, subjectId, { name: "Samir Taha" });
    const events = await t.db.prisma.accountEvent.findMany({ where: { userId: subjectId, type: "NAME_CHANGED" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: admin.id, details: { from: "subject", to: "Samir Taha" } });
  });

  it("refuses others, unknown users and bad names, and changes nothing", async () => {
    expect(await codeOf(renameUser(editor, subjectId, { name: "Hijacked" }))).toBe("FORBIDDEN");
    expect(await codeOf(renameUser(null, subjectId, { name: "Hijacked" }))).toBe("UNAUTHENTICATED");
    expect(await codeOf(renameUser(admin, "no-such-user", { name: "Ghost" }))).toBe("NOT_FOUND");
    expect(await codeOf(renameUser(admin, subjectId, { name: "" }))).toBe("INVALID");
    expect(await codeOf(renameUser(admin, subjectId, { name: "x".repeat(101) }))).toBe("INVALID");
    expect(await codeOf(renameUser(admin, subjectId, { name: "Ok", role: "ADMIN" }))).toBe("INVALID");
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: subjectId } })).name).toBe("Samir Taha");
  });
});
