// Idempotent seed: the demo article, and the five demo users where they are wanted
// (lib/db/url.ts wantsDemoUsers). Safe to run at every start and from several instances at once.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { TRole } from "@/lib/auth/roles";
import { hashPassword } from "@/lib/auth/password";
import { buildArticleDoc, plainText } from "@/lib/articles/document";
import { parseSeedArticle } from "@/lib/articles/seed-article";
import { slugify } from "@/lib/articles/slug";

export const DEMO_PASSWORD = "factmark-demo";

export const DEMO_USERS: readonly { email: string; name: string; role: TRole }[] = [
  { email: "admin@example.org", name: "Ada Admin", role: "ADMIN" },
  { email: "editor@example.org", name: "Eddie Editor", role: "EDITOR" },
  { email: "reviewer@example.org", name: "Rita Reviewer", role: "REVIEWER" },
  { email: "reviewer2@example.org", name: "Rob Reviewer", role: "REVIEWER" },
  { email: "reader@example.org", name: "Rea Reader", role: "READER" },
];

export const SEED_ARTICLE_FILE = "prisma/seed-data/al-qaryatain.txt";

export function readSeedArticle(root = process.cwd()) {
  return parseSeedArticle(readFileSync(path.join(/* turbopackIgnore: true */ root, SEED_ARTICLE_FILE), "utf8"));
}

function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string })?.code === "P2002";
}

export type SeedReport = { articleCreated: boolean; usersCreated: string[] };

export async function seedDatabase(prisma: PrismaClient, opts: { demoUsers: boolean; root?: string }): Promise<SeedReport> {
  const report: SeedReport = { articleCreated: false, usersCreated: [] };
  if (opts.demoUsers) {
    const existing = new Set((await prisma.user.findMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) } }, select: { email: true } })).map((u) => u.email));
    for (const u of DEMO_USERS.filter((d) => !existing.has(d.email))) {
      try {
        await prisma.user.create({ data: { ...u, passwordHash: await hashPassword(DEMO_PASSWORD) } });
        report.usersCreated.push(u.email);
      } catch (e) {
        if (!isUniqueViolation(e)) throw e; // another instance seeded it first
      }
    }
  }

  const seed = readSeedArticle(opts.root);
  const slug = slugify(seed.title);
  if (!(await prisma.article.findUnique({ where: { slug }, select: { id: true } }))) {
    const doc = buildArticleDoc(seed);
    try {
      await prisma.article.create({
        data: {
          slug,
          title: seed.title,
          tags: seed.tags,
          // The seed file names no author or date; they stay empty rather than invented.
          versions: { create: { number: 1, doc, plainText: plainText(doc) } },
        },
      });
      report.articleCreated = true;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  return report;
}
