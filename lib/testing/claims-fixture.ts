// Shared by the claim and workflow integration tests: a seeded throwaway PostgreSQL database that
// the services use (DATABASE_URL), the demo users by name, and typical claim fields.
import { afterAll, beforeAll } from "vitest";
import type { SessionUser, TRole } from "@/lib/auth/roles";
import { closeDb } from "@/lib/db/client";
import { seedDatabase } from "@/lib/seed/seed";
import type { TClaimFields } from "@/lib/validation/claims";
import { createPostgresDatabase, type TestDatabase } from "./databases";

export const QUOTE = "at least 116 civilians";

export type SeededClaimsDb = {
  t: TestDatabase;
  /** Demo users by the part of their email before "@": reviewer, reviewer2, editor, admin, reader. */
  users: Record<string, SessionUser>;
  versionId: string;
  text: string;
  slug: string;
};

/** Registers beforeAll/afterAll hooks; the returned object is filled in before the first test. */
export function seededClaimsDb(): SeededClaimsDb {
  const ctx = { users: {} } as SeededClaimsDb;
  beforeAll(async () => {
    ctx.t = await createPostgresDatabase();
    process.env.DATABASE_URL = ctx.t.url;
    await seedDatabase(ctx.t.db.prisma, { demoUsers: true });
    for (const u of await ctx.t.db.prisma.user.findMany()) ctx.users[u.email.split("@")[0]] = { id: u.id, name: u.name, email: u.email, role: u.role as TRole };
    const v = await ctx.t.db.prisma.articleVersion.findFirstOrThrow({ include: { article: true } });
    ctx.versionId = v.id;
    ctx.text = v.plainText;
    ctx.slug = v.article.slug;
  });
  afterAll(async () => {
    await closeDb();
    await ctx.t?.drop();
  });
  return ctx;
}

export const claimFields = (over: Partial<TClaimFields> = {}): TClaimFields => ({
  verdict: "DISPUTED",
  explanation: "SOHR counts 116; the Palmyra Coordination Committee counts 67.",
  tags: ["casualties"],
  sources: [{ url: "https://www.syriahr.com/en/", title: "SOHR report", publisher: "SOHR", publishedAt: "2015-10-23", accessedAt: null, excerpt: "at least 116", stance: "SUPPORTS" }],
  ...over,
});
