import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_URL, ENGINES, type TestDatabase } from "@/lib/testing/databases";
import { migratePglite } from "@/lib/db/migrate";
import { seedDatabase, DEMO_USERS, DEMO_PASSWORD } from "@/lib/seed/seed";
import { verifyPassword } from "@/lib/auth/password";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

const MIGRATIONS = readdirSync("prisma/migrations", { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

describe.each(ENGINES)("database on $name", ({ create }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await create();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("applies the full migration history to an empty database", async () => {
    const rows = await t.db.prisma.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(MIGRATIONS);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    // The schema is really there: every core table answers.
    expect(await t.db.prisma.user.count()).toBe(0);
    expect(await t.db.prisma.article.count()).toBe(0);
    expect(await t.db.prisma.articleVersion.count()).toBe(0);
  });

  it("seeding twice leaves one article, one version and five users", async () => {
    const first = await seedDatabase(t.db.prisma, { demoUsers: true });
    const second = await seedDatabase(t.db.prisma, { demoUsers: true });
    expect(first.articleCreated).toBe(true);
    expect(first.usersCreated).toHaveLength(5);
    expect(second).toEqual({ articleCreated: false, usersCreated: [] });
    expect(await t.db.prisma.article.count()).toBe(1);
    expect(await t.db.prisma.articleVersion.count()).toBe(1);
    const users = await t.db.prisma.user.findMany();
    const byEmail = (a: { email: string }, b: { email: string }) => (a.email < b.email ? -1 : 1);
    expect(users.sort(byEmail).map((u) => [u.email, u.role])).toEqual([...DEMO_USERS].sort(byEmail).map((u) => [u.email, u.role]));
    expect(await verifyPassword(users[0].passwordHash, DEMO_PASSWORD)).toBe(true);
    const version = await t.db.prisma.articleVersion.findFirstOrThrow();
    expect(version.plainText).toContain("at least 116 civilians");
    expect(version.number).toBe(1);
  });
});

describe("seeding a server database without FACTMARK_DEMO", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await ENGINES[0].create();
  });
  afterAll(async () => {
    await t?.drop();
  });
  it("creates the article but no demo user", async () => {
    await seedDatabase(t.db.prisma, { demoUsers: false });
    expect(await t.db.prisma.article.count()).toBe(1);
    expect(await t.db.prisma.user.count()).toBe(0);
  });
});

describe("re-running migrations", () => {
  it("is a no-op on an up-to-date embedded database", async () => {
    const t = await ENGINES[1].create();
    try {
      if (t.db.kind !== "pglite") throw new Error("expected PGlite");
      expect(await migratePglite(t.db.pglite)).toEqual([]);
    } finally {
      await t.drop();
    }
  });
});

describe("schema and migrations", () => {
  // prisma migrate diff replays the migrations into a shadow database on the local server and
  // compares the result with schema.prisma: a hand-written migration that drifted fails here.
  const diff = (schema: string) =>
    run("npx", ["prisma", "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema", schema, "--exit-code"], { env: { ...process.env, DATABASE_URL: ADMIN_URL } }).then(
      () => 0,
      (e: { code?: number }) => e.code ?? -1,
    );

  it("agree: replaying the migration history gives exactly schema.prisma", async () => {
    expect(await diff("prisma/schema.prisma")).toBe(0);
  });

  it("would catch a schema that drifted from its migrations", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "factmark-drift-"));
    try {
      const drifted = path.join(dir, "schema.prisma");
      writeFileSync(drifted, readFileSync("prisma/schema.prisma", "utf8").replace("readerRevision Int    @default(0)", "readerRevision Int    @default(1)"));
      expect(await diff(drifted)).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
